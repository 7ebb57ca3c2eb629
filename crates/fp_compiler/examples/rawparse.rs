//! Debugging aid: prints the ruff parser's raw errors for `-c SRC`.
use ruff_python_ast::PythonVersion;
use ruff_python_parser::{Mode, ParseOptions, parse_unchecked};

fn main() {
    let src = std::env::args().nth(2).expect("-c SRC");
    let parsed = parse_unchecked(
        &src,
        ParseOptions::from(Mode::Module).with_target_version(PythonVersion::PY311),
    );
    for e in parsed.errors() {
        println!("{:?} @ {:?}", e.error, e.location);
    }
    for e in parsed.unsupported_syntax_errors() {
        println!("unsupported {:?} @ {:?}", e.kind, e.range);
    }
}
