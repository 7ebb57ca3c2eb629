//! Debugging aid: `stackprobe SHAPE DEPTH STACK_KB` compiles one nested input on a thread with
//! the given stack (a stack overflow aborts the process, so search from a shell loop).
use fp_compiler::{CompileOptions, Mode, compile};

fn main() {
    let a: Vec<usize> = std::env::args()
        .skip(1)
        .map(|x| x.parse().expect("number"))
        .collect();
    let (shape, depth, kb) = (a[0], a[1], a[2]);
    let src = match shape {
        0 => format!("a{}", "()".repeat(depth)),
        1 => format!("x = {}1{}", "(".repeat(depth), ")".repeat(depth)),
        2 => format!("x = {}1", "-".repeat(depth)),
        3 => format!("x = a{}", " if a else a".repeat(depth)),
        4 => format!("x = {}", "[".repeat(depth) + &"]".repeat(depth)),
        5 => format!("x = lambda: {}0", "lambda: ".repeat(depth)),
        6 => format!("x = {}", "f(".repeat(depth) + &")".repeat(depth)),
        7 => {
            let mut s = String::new();
            for i in 0..depth {
                s += &" ".repeat(i);
                s += "if x:\n";
            }
            s += &" ".repeat(depth);
            s += "pass\n";
            s
        }
        8 => format!(
            "x = {}",
            "[x for x in ".repeat(depth) + "y" + &"]".repeat(depth)
        ),
        _ => format!("x = {}", "a + (".repeat(depth) + "1" + &")".repeat(depth)),
    };
    let ok = std::thread::Builder::new()
        .stack_size(kb * 1024)
        .spawn(move || {
            compile(&src, "<p>", Mode::Exec, &CompileOptions::default())
                .map(|_| ())
                .map_err(|e| e.msg)
        })
        .expect("spawn")
        .join()
        .expect("join");
    println!("{ok:?}");
}
