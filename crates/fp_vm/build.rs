//! Build-time facts for the runtime:
//! - `FERROPY_BUILD_STDLIB`: where this machine's CPython 3.11 keeps its standard library
//!   (asked of `python3.11` once, here, so start-up never has to run it);
//! - `FERROPY_CODE_TAG`: a number that changes whenever the compiler or bytecode sources
//!   change, put in code-cache files so that a cache written by another build is never loaded.

use std::hash::{Hash, Hasher};
use std::path::Path;

fn hash_dir(dir: &Path, h: &mut std::collections::hash_map::DefaultHasher) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            hash_dir(&p, h);
        } else if p.extension().is_some_and(|e| e == "rs") {
            println!("cargo:rerun-if-changed={}", p.display());
            if let Ok(b) = std::fs::read(&p) {
                b.hash(h);
            }
        }
    }
}

fn main() {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for d in ["../fp_bytecode/src", "../fp_compiler/src"] {
        hash_dir(Path::new(d), &mut h);
    }
    // This build's bytecode tag (see `startup::CODE_TAG`).
    let tag = h.finish() % 65536;
    println!("cargo:rustc-env=FERROPY_CODE_TAG={tag}");

    let stdlib = std::process::Command::new("python3.11")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_path('stdlib'))",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    println!("cargo:rustc-env=FERROPY_BUILD_STDLIB={stdlib}");
    println!("cargo:rerun-if-env-changed=PATH");
}
