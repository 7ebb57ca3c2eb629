//! Declaring native (Rust) functions and methods: the one way every builtin type, builtin
//! function and native module defines its callables.
//!
//! A native callable is a [`NativeDef`]: a name, a text signature in CPython's
//! `__text_signature__` syntax, and a Rust function. The signature is the single source of
//! truth: it is parsed once into a [`Signature`], which binds call arguments (so argument errors
//! read the same everywhere), and it is what `__text_signature__` and `inspect` show.
//!
//! Binding produces one slot per parameter in the signature's textual order (positional
//! parameters, `*args`, keyword-only parameters, `**kwargs`): the argument, or NULL when an
//! optional parameter was not given (the Rust function applies its own default); a `*args`
//! parameter gets a tuple and a `**kwargs` parameter a dict (NULL if no keywords).
//!
//! ```ignore
//! pub static METHODS: &[NativeDef] = &[
//!     native!("append", "($self, object, /)", list_append),
//! ];
//! ```

use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub type NativeFn = fn(&mut Vm, &[Value]) -> PyResult<Value>;

/// How a native callable binds when found on a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NativeKind {
    /// A plain function (in a module) or an instance method (on a type; `$self` first).
    Function,
    /// A classmethod: receives the type as first argument.
    ClassMethod,
    /// A staticmethod on a type.
    StaticMethod,
}

pub struct NativeDef {
    pub name: &'static str,
    /// The signature, e.g. `"($self, key, default=None, /)"`.
    pub sig: &'static str,
    pub func: NativeFn,
    pub kind: NativeKind,
    pub doc: &'static str,
    /// Audited for collection during its calls back into Python: it holds every Value it keeps
    /// across them in a root (`Vm::root`) and calls back only through the clean entries
    /// (`ops::iter::next_clean`, `ops::call::call_clean`). Set with `.gc_clean()`.
    pub gc_clean: bool,
}

impl NativeDef {
    /// Marks the function as audited for collection during its callbacks (see `gc_clean`).
    pub const fn gc_clean(mut self) -> Self {
        self.gc_clean = true;
        self
    }
}

#[macro_export]
macro_rules! native {
    ($name:expr, $sig:expr, $func:path) => {
        $crate::native::NativeDef {
            name: $name,
            sig: $sig,
            func: $func,
            kind: $crate::native::NativeKind::Function,
            doc: "",
            gc_clean: false,
        }
    };
    ($name:expr, $sig:expr, $func:path, $doc:expr) => {
        $crate::native::NativeDef {
            name: $name,
            sig: $sig,
            func: $func,
            kind: $crate::native::NativeKind::Function,
            doc: $doc,
            gc_clean: false,
        }
    };
}

#[macro_export]
macro_rules! native_classmethod {
    ($name:expr, $sig:expr, $func:path) => {
        $crate::native::NativeDef {
            name: $name,
            sig: $sig,
            func: $func,
            kind: $crate::native::NativeKind::ClassMethod,
            doc: "",
            gc_clean: false,
        }
    };
}

#[macro_export]
macro_rules! native_staticmethod {
    ($name:expr, $sig:expr, $func:path) => {
        $crate::native::NativeDef {
            name: $name,
            sig: $sig,
            func: $func,
            kind: $crate::native::NativeKind::StaticMethod,
            doc: "",
            gc_clean: false,
        }
    };
}

/// One parameter of a parsed signature.
#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub required: bool,
}

/// A parsed text signature.
#[derive(Clone, Debug, Default)]
pub struct Signature {
    /// Positional parameters (including positional-only), then keyword-only ones.
    pub params: Vec<Param>,
    pub posonly: usize,
    /// Number of positional-or-keyword parameters (including the positional-only ones).
    pub npos: usize,
    pub nkwonly: usize,
    pub varargs: Option<String>,
    pub varkw: Option<String>,
    /// Whether the first parameter is a bound `$self`/`$type`/`$module` (not shown in errors).
    pub has_self: bool,
}

impl Signature {
    /// Number of slots binding fills.
    pub fn nslots(&self) -> usize {
        self.params.len() + self.varargs.is_some() as usize + self.varkw.is_some() as usize
    }
    /// The slot of parameter `i` (of `params`) in textual order.
    #[inline]
    pub fn slot_of(&self, i: usize) -> usize {
        if i < self.npos {
            i
        } else {
            i + self.varargs.is_some() as usize
        }
    }
    /// The slot of `*args` (when present).
    pub fn varargs_slot(&self) -> usize {
        self.npos
    }
    /// The slot of `**kwargs` (when present): always last.
    pub fn varkw_slot(&self) -> usize {
        self.nslots() - 1
    }

    /// Parses `"($self, a, b=1, /, c, *args, d, e=None, **kw)"`. Malformed signatures are a
    /// bug in ferropy's own tables, reported by the unit test that parses them all.
    pub fn parse(sig: &str) -> Result<Signature, String> {
        let inner = sig
            .trim()
            .strip_prefix('(')
            .and_then(|s| s.strip_suffix(')'))
            .ok_or_else(|| format!("bad signature {sig:?}"))?;
        let mut out = Signature::default();
        let mut seen_star = false;
        for (i, raw) in split_params(inner).into_iter().enumerate() {
            let p = raw.trim();
            if p.is_empty() {
                continue;
            }
            if p == "/" {
                out.posonly = out.params.len();
                continue;
            }
            if p == "*" {
                seen_star = true;
                continue;
            }
            if let Some(name) = p.strip_prefix("**") {
                out.varkw = Some(name.to_string());
                continue;
            }
            if let Some(name) = p.strip_prefix('*') {
                out.varargs = Some(name.to_string());
                seen_star = true;
                continue;
            }
            let (name, required) = match p.split_once('=') {
                Some((n, _)) => (n.trim(), false),
                None => (p, true),
            };
            let name = if let Some(n) = name.strip_prefix('$') {
                if i != 0 {
                    return Err(format!("$ parameter not first in {sig:?}"));
                }
                out.has_self = true;
                n
            } else {
                name
            };
            out.params.push(Param {
                name: name.to_string(),
                required,
            });
            if seen_star {
                out.nkwonly += 1;
            } else {
                out.npos += 1;
            }
        }
        Ok(out)
    }
}

/// Splits on top-level commas (defaults may contain brackets or quoted commas).
fn split_params(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(&s[start..i]);
                    start = i + 1;
                }
                _ => {}
            },
        }
    }
    out.push(&s[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full_signature() {
        let s = Signature::parse("($self, a, b=1, /, c, *args, d, e=None, **kw)").unwrap();
        assert!(s.has_self);
        assert_eq!(s.posonly, 3);
        assert_eq!(s.npos, 4);
        assert_eq!(s.nkwonly, 2);
        assert_eq!(s.varargs.as_deref(), Some("args"));
        assert_eq!(s.varkw.as_deref(), Some("kw"));
        assert!(s.params[1].required && !s.params[2].required);
        assert_eq!(s.nslots(), 8);
        // Textual order: $self a b c *args d e **kw.
        assert_eq!(s.varargs_slot(), 4);
        assert_eq!(s.slot_of(4), 5);
        assert_eq!(s.slot_of(5), 6);
        assert_eq!(s.varkw_slot(), 7);
    }

    #[test]
    fn defaults_with_commas() {
        let s = Signature::parse("(sep=' ', end='\\n', x=(1, 2))").unwrap();
        assert_eq!(s.params.len(), 3);
        assert!(s.params.iter().all(|p| !p.required));
    }
}
