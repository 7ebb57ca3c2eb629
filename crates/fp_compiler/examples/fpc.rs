//! Debugging aid: `fpc [-e|-s] [-O|-OO] FILE|-c SRC` compiles and prints the disassembly or
//! the error (`kind:line:col: msg`). With `--check FILES...` prints one line per failing file.
use fp_compiler::{CompileOptions, Mode, compile, compile_with_warnings, verify_code};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut mode = Mode::Exec;
    let mut opts = CompileOptions::default();
    let mut src: Option<(String, String)> = None;
    let mut check = false;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-e" => mode = Mode::Eval,
            "-s" => mode = Mode::Single,
            "-O" => opts.optimize = 1,
            "-OO" => opts.optimize = 2,
            "--check" => check = true,
            "-W" => {}
            "-c" => {
                i += 1;
                src = Some((args[i].clone(), "<string>".into()));
            }
            f => files.push(f.to_string()),
        }
        i += 1;
    }
    if check {
        for f in files {
            let Ok(bytes) = std::fs::read(&f) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes).to_string();
            match compile(&text, &f, Mode::Exec, &opts) {
                Ok(code) => match verify_code(&code) {
                    Ok(()) => println!("OK {f}"),
                    Err(e) => println!("VERIFY {f}: {e}"),
                },
                Err(e) => println!("ERR {f}:{}:{}: {}: {}", e.line, e.col, e.kind.name(), e.msg),
            }
        }
        return;
    }
    let (text, name) = match src {
        Some(s) => s,
        None => {
            let f = files.first().expect("file");
            (std::fs::read_to_string(f).expect("read"), f.clone())
        }
    };
    if args.iter().any(|a| a == "-W") {
        let (r, ws) = compile_with_warnings(&text, &name, mode, &opts);
        for w in ws {
            println!("{}:{}:{}: {}", w.category.name(), w.line, w.col, w.msg);
        }
        if let Err(e) = r {
            println!("{}:{}:{}: {}", e.kind.name(), e.line, e.col, e.msg);
        }
        return;
    }
    match compile(&text, &name, mode, &opts) {
        Ok(code) => {
            print!("{}", code.disassemble());
            if let Err(e) = verify_code(&code) {
                println!("VERIFY FAILED: {e}");
            }
        }
        Err(e) => println!("{}:{}:{}: {}", e.kind.name(), e.line, e.col, e.msg),
    }
}
