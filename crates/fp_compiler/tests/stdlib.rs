//! Compiles every `.py` file under CPython 3.11's stdlib directory and checks that exactly the
//! files CPython compiles compile here (files CPython rejects must be rejected), and that every
//! compiled code object passes the stack-depth verifier. The reference set comes from running
//! `python3.11` once over the tree; without `python3.11` the test is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

use fp_compiler::{CompileOptions, Mode, compile, verify_code};

/// Prints `status \t path \t decoded-copy` per file. Files that are not UTF-8 are decoded by
/// Python (PEP 263) and written, as UTF-8, to the temp directory given as argv[2].
const REFERENCE: &str = r#"
import os, sys, tokenize, warnings
from multiprocessing import Pool
warnings.simplefilter("ignore")
root, tmp = sys.argv[1], sys.argv[2]

def check(item):
    i, p = item
    with open(p, "rb") as fh:
        raw = fh.read()
    try:
        with tokenize.open(p) as fh:
            src = fh.read()
    except Exception:
        return f"UNDECODABLE\t{p}\t-"
    copy = "-"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        copy = os.path.join(tmp, f"{i}.py")
        with open(copy, "w", encoding="utf-8") as out:
            out.write(src)
    try:
        compile(src, p, "exec", dont_inherit=True)
        return f"OK\t{p}\t{copy}"
    except (SyntaxError, ValueError):
        return f"ERR\t{p}\t{copy}"

if __name__ == "__main__":
    files = []
    for dp, dn, fn in os.walk(root):
        dn.sort()
        files += [os.path.join(dp, f) for f in sorted(fn) if f.endswith(".py")]
    with Pool(2) as pool:
        for line in pool.imap(check, enumerate(files), chunksize=64):
            print(line)
"#;

fn stdlib_dir() -> Option<PathBuf> {
    let out = Command::new("python3.11")
        .args([
            "-c",
            "import sysconfig;print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?;
    Some(PathBuf::from(s.trim()))
}

struct Entry {
    path: String,
    cpython_ok: bool,
    source_file: String,
}

fn read_source(path: &str) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    Some(
        text.strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text),
    )
}

#[test]
fn stdlib_compiles_like_cpython() {
    let Some(root) = stdlib_dir() else {
        eprintln!("python3.11 not found: skipping the stdlib compile test");
        return;
    };
    let tmp = std::env::temp_dir().join(format!("fp_compiler_stdlib_{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    let out = Command::new("python3.11")
        .args([
            "-c",
            REFERENCE,
            root.to_str().unwrap_or("."),
            tmp.to_str().unwrap_or("."),
        ])
        .output()
        .expect("run python3.11");
    assert!(
        out.status.success(),
        "reference run failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = String::from_utf8_lossy(&out.stdout).to_string();
    let mut entries = Vec::new();
    let mut undecodable = 0;
    for line in listing.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        if parts.len() != 3 {
            continue;
        }
        if parts[0] == "UNDECODABLE" {
            undecodable += 1;
            continue;
        }
        let source_file = if parts[2] == "-" { parts[1] } else { parts[2] };
        entries.push(Entry {
            path: parts[1].to_string(),
            cpython_ok: parts[0] == "OK",
            source_file: source_file.to_string(),
        });
    }
    assert!(
        entries.len() > 1000,
        "too few files found under {}",
        root.display()
    );

    // Compile on two threads; each result is (compiled, problem description).
    let results: Vec<(bool, Option<String>)> = std::thread::scope(|s| {
        let half = entries.len() / 2;
        let (a, b) = entries.split_at(half);
        let run = |chunk: &[Entry]| -> Vec<(bool, Option<String>)> {
            chunk
                .iter()
                .map(|e| {
                    let Some(src) = read_source(&e.source_file) else {
                        return (false, Some("cannot read".into()));
                    };
                    match compile(&src, &e.path, Mode::Exec, &CompileOptions::default()) {
                        Ok(code) => match verify_code(&code) {
                            Ok(()) => (true, None),
                            Err(v) => (true, Some(format!("verifier: {v}"))),
                        },
                        Err(err) => (
                            false,
                            Some(format!(
                                "{}:{}: {}: {}",
                                err.line,
                                err.col,
                                err.kind.name(),
                                err.msg
                            )),
                        ),
                    }
                })
                .collect()
        };
        let ha = s.spawn(move || run(a));
        let hb = s.spawn(move || run(b));
        let mut r = ha.join().expect("worker");
        r.extend(hb.join().expect("worker"));
        r
    });
    let _ = std::fs::remove_dir_all(&tmp);

    let mut mismatches = Vec::new();
    let mut ours_ok = 0;
    let mut cpython_ok = 0;
    for (e, (ok, problem)) in entries.iter().zip(&results) {
        cpython_ok += e.cpython_ok as usize;
        ours_ok += *ok as usize;
        let rel = Path::new(&e.path)
            .strip_prefix(&root)
            .map(|p| p.display().to_string())
            .unwrap_or(e.path.clone());
        if *ok != e.cpython_ok {
            let what = if e.cpython_ok {
                "CPython compiles it, ferropy rejects it"
            } else {
                "CPython rejects it, ferropy compiles it"
            };
            mismatches.push(format!(
                "{rel}: {what} ({})",
                problem.clone().unwrap_or_default()
            ));
        } else if let Some(p) = problem
            && *ok
        {
            mismatches.push(format!("{rel}: {p}"));
        }
    }
    eprintln!(
        "stdlib {}: {} files ({} undecodable skipped); CPython compiles {}, ferropy compiles {}; {} mismatches",
        root.display(),
        entries.len(),
        undecodable,
        cpython_ok,
        ours_ok,
        mismatches.len()
    );
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
