//! Command-line parsing with CPython's options and usage errors (exit status 2).

use fp_vm::vm::Config;

pub enum What {
    File(String),
    Command(String),
    Module(String),
    Stdin,
}

pub enum Parsed {
    Run(Config, What),
    Exit(i32),
}

const USAGE: &str = "usage: ferropy [option] ... [-c cmd | -m mod | file | -] [arg] ...";

pub fn parse(args: Vec<String>) -> Result<Parsed, String> {
    let mut cfg = Config {
        executable: std::env::current_exe()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default(),
        ..Config::default()
    };
    let mut i = 1;
    while i < args.len() {
        let a = &args[i];
        if a == "-" {
            cfg.argv = args[i..].to_vec();
            cfg.path0 = Some(String::new());
            return Ok(Parsed::Run(cfg, What::Stdin));
        }
        if !a.starts_with('-') || a.len() == 1 {
            cfg.argv = args[i..].to_vec();
            return Ok(Parsed::Run(cfg, What::File(a.clone())));
        }
        if a == "--version" {
            println!("Python 3.11.7");
            return Ok(Parsed::Exit(0));
        }
        if a == "--help" {
            println!("{USAGE}");
            return Ok(Parsed::Exit(0));
        }
        if a == "--check-hash-based-pycs" {
            let mode = args.get(i + 1).cloned().unwrap_or_default();
            if !["default", "always", "never"].contains(&mode.as_str()) {
                return Err(format!(
                    "--check-hash-based-pycs must be one of 'default', 'always', or 'never'\n{USAGE}\nTry `ferropy -h' for more information."
                ));
            }
            cfg.check_hash_based_pycs = Some(mode);
            i += 2;
            continue;
        }
        if a.starts_with("--") {
            return Err(format!(
                "unknown option {a}\n{USAGE}\nTry `ferropy -h' for more information."
            ));
        }
        // A cluster of single-letter flags, possibly ending in one that takes an argument.
        let flags: Vec<char> = a[1..].chars().collect();
        let mut j = 0;
        while j < flags.len() {
            let c = flags[j];
            let rest: String = flags[j + 1..].iter().collect();
            let take_arg = |i: &mut usize| -> Result<String, String> {
                if !rest.is_empty() {
                    return Ok(rest.clone());
                }
                *i += 1;
                args.get(*i).cloned().ok_or_else(|| format!("Argument expected for the -{c} option\n{USAGE}\nTry `ferropy -h' for more information."))
            };
            match c {
                'c' => {
                    let code = take_arg(&mut i)?;
                    cfg.argv = std::iter::once("-c".to_string())
                        .chain(args[i + 1..].iter().cloned())
                        .collect();
                    cfg.path0 = Some(String::new());
                    return Ok(Parsed::Run(cfg, What::Command(code)));
                }
                'm' => {
                    let m = take_arg(&mut i)?;
                    cfg.argv = std::iter::once(m.clone())
                        .chain(args[i + 1..].iter().cloned())
                        .collect();
                    return Ok(Parsed::Run(cfg, What::Module(m)));
                }
                'W' => {
                    cfg.warnoptions.push(take_arg(&mut i)?);
                    break;
                }
                'X' => {
                    cfg.xoptions.push(take_arg(&mut i)?);
                    break;
                }
                'u' => cfg.unbuffered = true,
                'B' => cfg.dont_write_bytecode = true,
                'E' => cfg.ignore_environment = true,
                'I' => {
                    cfg.isolated = true;
                    cfg.ignore_environment = true;
                    cfg.no_user_site = true;
                    cfg.safe_path = true;
                }
                's' => cfg.no_user_site = true,
                'S' => cfg.no_site = true,
                'O' => cfg.optimize += 1,
                'v' => cfg.verbose += 1,
                'q' => cfg.quiet = true,
                'i' => cfg.inspect = true,
                'P' => cfg.safe_path = true,
                'b' | 'd' | 'R' => {}
                'V' => {
                    println!("Python 3.11.7");
                    return Ok(Parsed::Exit(0));
                }
                'h' | '?' => {
                    println!(
                        "{USAGE}\nOptions: -c cmd, -m mod, -u, -B, -E, -I, -s, -S, -O, -W arg, -X opt, -V, -h"
                    );
                    return Ok(Parsed::Exit(0));
                }
                other => {
                    return Err(format!(
                        "Unknown option: -{other}\n{USAGE}\nTry `ferropy -h' for more information."
                    ));
                }
            }
            j += 1;
        }
        i += 1;
    }
    cfg.argv = vec![String::new()];
    cfg.path0 = Some(String::new());
    Ok(Parsed::Run(cfg, What::Stdin))
}

/// The PYTHON* environment variables CPython reads at start-up (unless `-E` or `-I`).
pub fn apply_environment(cfg: &mut Config) {
    if cfg.ignore_environment || cfg.isolated {
        return;
    }
    let set = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    // A numeric value is a level; any other non-empty value counts as 1.
    let level = |v: &str| v.parse::<u32>().unwrap_or(1);
    if set("PYTHONUNBUFFERED").is_some() {
        cfg.unbuffered = true;
    }
    if set("PYTHONDONTWRITEBYTECODE").is_some() {
        cfg.dont_write_bytecode = true;
    }
    if let Some(v) = set("PYTHONOPTIMIZE") {
        cfg.optimize = cfg.optimize.max(level(&v));
    }
    if let Some(v) = set("PYTHONVERBOSE") {
        cfg.verbose = cfg.verbose.max(level(&v));
    }
    if set("PYTHONINSPECT").is_some() {
        cfg.inspect = true;
    }
    if set("PYTHONSAFEPATH").is_some() {
        cfg.safe_path = true;
    }
    if set("PYTHONNOUSERSITE").is_some() {
        cfg.no_user_site = true;
    }
    if let Some(v) = set("PYTHONWARNINGS") {
        // Environment options come before the command line's -W options.
        let mut w: Vec<String> = v.split(',').map(|s| s.trim().to_string()).collect();
        w.retain(|s| !s.is_empty());
        w.append(&mut cfg.warnoptions);
        cfg.warnoptions = w;
    }
}
