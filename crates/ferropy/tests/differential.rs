//! The differential test runner: every program under `tests/programs/` runs under ferropy and
//! CPython 3.11 (`python3.11`); stdout, the exit status and the last line of stderr must match.
//!
//! Which programs must pass is listed in `tests/passing.txt` (one path per line, relative to
//! `tests/programs/`): the list only grows as features land, and a listed program that fails
//! fails the run. `FERROPY_DIFF_ALL=1` runs every program and reports the ones not yet listed
//! that pass (so they can be added). `FERROPY_DIFF_FILTER=substr` narrows the run;
//! `FERROPY_DIFF_SKIP=substr[,substr...]` leaves matching programs out.
//! Programs run in parallel (one thread per core).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("."))
}

fn ferropy_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ferropy"))
}

struct Outcome {
    stdout: Vec<u8>,
    status: Option<i32>,
    last_err: String,
}

fn run(cmd: &Path, prog: &Path, timeout: Duration) -> Outcome {
    let mut child = match Command::new(cmd)
        .arg(prog.file_name().unwrap_or_default())
        .current_dir(prog.parent().unwrap_or(Path::new(".")))
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            return Outcome {
                stdout: vec![],
                status: None,
                last_err: format!("cannot start {}: {e}", cmd.display()),
            };
        }
    };
    // The pipes are drained while the child runs, so a program printing more than a pipe's
    // buffer does not block.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out_reader = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let err_reader = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let start = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break Some(st),
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Outcome {
                    stdout: vec![],
                    status: None,
                    last_err: "timeout".into(),
                };
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    let err = String::from_utf8_lossy(&stderr);
    let last = err
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string();
    Outcome {
        stdout,
        status: status.and_then(|s| s.code()),
        last_err: last,
    }
}

fn compare(prog: &Path) -> Result<(), String> {
    let timeout = Duration::from_secs(60);
    let expected = run(Path::new("python3.11"), prog, timeout);
    let got = run(&ferropy_bin(), prog, timeout);
    let mut problems = Vec::new();
    if expected.stdout != got.stdout {
        let e = String::from_utf8_lossy(&expected.stdout);
        let g = String::from_utf8_lossy(&got.stdout);
        let line = e
            .lines()
            .zip(g.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| e.lines().count().min(g.lines().count()));
        problems.push(format!(
            "stdout differs at line {}: expected {:?}, got {:?}",
            line + 1,
            e.lines().nth(line).unwrap_or("<end>"),
            g.lines().nth(line).unwrap_or("<end>")
        ));
    }
    if expected.status != got.status {
        problems.push(format!(
            "exit status: expected {:?}, got {:?}",
            expected.status, got.status
        ));
    }
    if expected.last_err != got.last_err {
        problems.push(format!(
            "last stderr line: expected {:?}, got {:?}",
            expected.last_err, got.last_err
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

fn all_programs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            // `*_support` directories hold modules and packages that programs import.
            if !p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with("_support"))
            {
                all_programs(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

fn main() {
    let root = repo_root();
    let programs_dir = root.join("tests/programs");
    let listed: Vec<String> = std::fs::read_to_string(root.join("tests/passing.txt"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let run_all = std::env::var("FERROPY_DIFF_ALL").is_ok_and(|v| v == "1");
    let filter = std::env::var("FERROPY_DIFF_FILTER").ok();
    let skip = std::env::var("FERROPY_DIFF_SKIP").ok();
    let mut progs = Vec::new();
    all_programs(&programs_dir, &mut progs);
    let rel = |p: &Path| {
        p.strip_prefix(&programs_dir)
            .map(|r| r.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let selected: Vec<PathBuf> = progs
        .into_iter()
        .filter(|p| run_all || listed.contains(&rel(p)))
        .filter(|p| filter.as_ref().is_none_or(|f| rel(p).contains(f.as_str())))
        .filter(|p| {
            skip.as_ref()
                .is_none_or(|s| !s.split(',').any(|part| rel(p).contains(part)))
        })
        .collect();
    for l in &listed {
        if !programs_dir.join(l).exists() {
            println!("listed program missing: {l}");
        }
    }
    let results = Mutex::new(Vec::new());
    let next = Mutex::new(0usize);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap_or_else(|e| e.into_inner());
                        let i = *n;
                        *n += 1;
                        i
                    };
                    let Some(p) = selected.get(i) else { break };
                    let r = compare(p);
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((rel(p), r));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let (mut passed, mut failed) = (0, 0);
    let mut newly = Vec::new();
    for (name, r) in &results {
        let required = listed.contains(name);
        match r {
            Ok(()) => {
                passed += 1;
                if !required {
                    newly.push(name.clone());
                }
                println!("ok      {name}");
            }
            Err(e) => {
                if required {
                    failed += 1;
                    println!("FAILED  {name}: {e}");
                } else {
                    println!("xfail   {name}: {e}");
                }
            }
        }
    }
    if !newly.is_empty() {
        println!(
            "\npassing but not yet in tests/passing.txt:\n{}",
            newly.join("\n")
        );
    }
    let skipped = results.len() - passed - failed;
    println!("\ndifferential: {passed} passed, {failed} failed, {skipped} skipped");
    if failed > 0 {
        std::process::exit(1);
    }
}
