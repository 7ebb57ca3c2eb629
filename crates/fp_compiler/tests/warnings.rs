//! Compile-time warnings (category, message, line) as CPython 3.11 issues them.

use fp_compiler::{CompileOptions, Mode, compile_with_warnings};

type Expected = &'static [(&'static str, &'static str, u32)];

#[rustfmt::skip]
const CASES: &[(&str, Expected)] = &[
    ("x = \"\\d\"", &[("DeprecationWarning", "invalid escape sequence '\\d'", 1)]),
    ("x = b\"\\d\"", &[("DeprecationWarning", "invalid escape sequence '\\d'", 1)]),
    ("x = \"\\777\"", &[("DeprecationWarning", "invalid octal escape sequence '\\777'", 1)]),
    ("x = 1 is 1", &[("SyntaxWarning", "\"is\" with a literal. Did you mean \"==\"?", 1)]),
    ("x = (1,2)(3)", &[("SyntaxWarning", "'tuple' object is not callable; perhaps you missed a comma?", 1)]),
    ("x = \"abc\"[1.5]", &[("SyntaxWarning", "str indices must be integers or slices, not float; perhaps you missed a comma?", 1)]),
    ("assert (1, 2)", &[("SyntaxWarning", "assertion is always true, perhaps remove parentheses?", 1)]),
    ("x = [1,2][\"a\"]", &[("SyntaxWarning", "list indices must be integers or slices, not str; perhaps you missed a comma?", 1)]),
    ("x = f\"\\d{1}\"", &[("DeprecationWarning", "invalid escape sequence '\\d'", 1)]),
    ("x = 5[0]", &[("SyntaxWarning", "'int' object is not subscriptable; perhaps you missed a comma?", 1)]),
    ("x = {1}[0]", &[("SyntaxWarning", "'set' object is not subscriptable; perhaps you missed a comma?", 1)]),
    ("if x is (): pass", &[("SyntaxWarning", "\"is\" with a literal. Did you mean \"==\"?", 1)]),
    ("x = (1)[0]", &[("SyntaxWarning", "'int' object is not subscriptable; perhaps you missed a comma?", 1)]),
    ("x is None", &[]),
    ("x is not -1", &[("SyntaxWarning", "\"is not\" with a literal. Did you mean \"!=\"?", 1)]),
    ("1 is x", &[("SyntaxWarning", "\"is\" with a literal. Did you mean \"==\"?", 1)]),
    ("f\"{x}\"(1)", &[("SyntaxWarning", "'str' object is not callable; perhaps you missed a comma?", 1)]),
    ("[x for x in y](0)", &[("SyntaxWarning", "'list' object is not callable; perhaps you missed a comma?", 1)]),
    ("None()", &[("SyntaxWarning", "'NoneType' object is not callable; perhaps you missed a comma?", 1)]),
    ("(lambda: 0)[1]", &[("SyntaxWarning", "'function' object is not subscriptable; perhaps you missed a comma?", 1)]),
    ("\"abc\"[x:y]", &[]),
    ("\"abc\"[None]", &[("SyntaxWarning", "str indices must be integers or slices, not NoneType; perhaps you missed a comma?", 1)]),
    ("[1][1.0]", &[("SyntaxWarning", "list indices must be integers or slices, not float; perhaps you missed a comma?", 1)]),
    ("x = b\"\\N{DASH}\"", &[("DeprecationWarning", "invalid escape sequence '\\N'", 1)]),
    ("def f():\n    assert (x, \"msg\")\n", &[("SyntaxWarning", "assertion is always true, perhaps remove parentheses?", 2)]),
    ("x = {\"a\": 1}[1.5]", &[]),
    ("x = (1,)[\"a\"]", &[("SyntaxWarning", "tuple indices must be integers or slices, not str; perhaps you missed a comma?", 1)]),
    ("x = 1 if y is 2 else 3", &[("SyntaxWarning", "\"is\" with a literal. Did you mean \"==\"?", 1)]),
    ("x = r\"\\d\" + \"\\n\\t\\x41\\101\"", &[]),
];

#[test]
fn warnings_match_cpython() {
    let mut failures = Vec::new();
    for &(src, expected) in CASES {
        let got = match compile_with_warnings(src, "<s>", Mode::Exec, &CompileOptions::default()) {
            (Ok(_), ws) => ws,
            (Err(e), _) => {
                failures.push(format!("{src:?}: error {}", e.msg));
                continue;
            }
        };
        let got: Vec<(String, String, u32)> = got
            .iter()
            .map(|w| (w.category.name().to_string(), w.msg.clone(), w.line))
            .collect();
        let want: Vec<(String, String, u32)> = expected
            .iter()
            .map(|(c, m, l)| (c.to_string(), m.to_string(), *l))
            .collect();
        if got != want {
            failures.push(format!("{src:?}: got {got:?}, expected {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_assert_warning_under_optimize() {
    let opts = CompileOptions {
        optimize: 1,
        ..Default::default()
    };
    let (r, ws) = compile_with_warnings("assert (1, 2)", "<s>", Mode::Exec, &opts);
    assert!(r.is_ok());
    assert!(ws.is_empty());
}

#[test]
fn warnings_before_a_syntax_error_are_kept() {
    let (r, ws) = compile_with_warnings(
        "'\\e' $ '\\q'",
        "<s>",
        Mode::Eval,
        &CompileOptions::default(),
    );
    assert!(r.is_err());
    assert_eq!(ws.len(), 1);
    assert_eq!(ws[0].msg, "invalid escape sequence '\\e'");
}
