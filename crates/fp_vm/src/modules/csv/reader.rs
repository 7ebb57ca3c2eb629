//! `_csv.reader`: the CSV parser. Each `__next__` pulls lines from the input iterator and
//! feeds their characters, then an end-of-line marker, through CPython's state machine
//! (`parse_process_char` in Modules/_csv.c) until a record is complete. The record's fields
//! collect in the reader's payload (so the collector sees them); the field being built is a
//! Rust `String`.

use super::dialect::{Dialect, dialect_of};
use super::{QUOTE_NONE, QUOTE_NONNUMERIC, csv_error};
use crate::modules::stdobj::{self, StdData};
use crate::native::NativeDef;
use crate::ops;
use crate::types::list;
use crate::types::str::as_str;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::{Cell, RefCell};

const READER_DOC: &str = "CSV reader\n\nReader objects are responsible for reading and parsing tabular data\nin CSV format.\n";

pub(crate) struct Reader {
    /// The iterator lines come from.
    input: Value,
    dialect: Value,
    line_num: Cell<i64>,
    /// The fields of the record being parsed.
    fields: RefCell<Vec<Value>>,
}

impl StdData for Reader {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(&[self.input, self.dialect], visit);
        if let Ok(f) = self.fields.try_borrow() {
            stdobj::visit_all(&f, visit);
        }
    }
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(reader_next)
    }
}

static READER_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", reader_type_new),
    // CPython's objects of types without `__new__` cannot be pickled or copied.
    native!("__reduce_ex__", "($self, protocol, /)", reader_reduce_ex),
    native!("__iter__", "($self, /)", reader_iter),
    native!(
        "__next__",
        "($self, /)",
        reader_next,
        "Implement next(self)."
    ),
];

static READER_ATTRS: &[(NativeDef, NativeDef)] = &[
    (
        native!("dialect", "($self, /)", get_dialect),
        native!("dialect", "($self, value=None, /)", readonly),
    ),
    (
        native!("line_num", "($self, /)", get_line_num),
        native!("line_num", "($self, value=None, /)", readonly),
    ),
];

pub(super) fn new_reader_type(vm: &mut Vm) -> Value {
    let ty = super::new_type(vm, "reader", READER_DOC, READER_METHODS);
    super::add_readonly_attrs(vm, ty, READER_ATTRS);
    ty
}

fn reader_type_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    super::cannot_create(vm, a[0], "_csv.reader")
}

fn reader_reduce_ex(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.type_error("cannot pickle '_csv.reader' object"))
}

fn readonly(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.attribute_error("readonly attribute"))
}

fn reader_of(vm: &mut Vm, v: Value) -> PyResult<&'static Reader> {
    stdobj::expect::<Reader>(vm, v, "_csv.reader")
}

fn reader_iter(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[0])
}

fn get_dialect(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(reader_of(vm, a[0])?.dialect)
}

fn get_line_num(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = reader_of(vm, a[0])?.line_num.get();
    Ok(crate::types::int::from_i64(vm, n))
}

/// `_csv.reader(iterable, dialect='excel', **fmtparams)`.
pub(super) fn reader(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = super::unpack_args(vm, a[1], 1, 2)?;
    let input = ops::iter::get_iter(vm, args[0])?;
    let dialect = super::call_dialect(vm, args[1], a[2])?;
    let ty = stdobj::state_type(vm, "_csv.reader");
    Ok(stdobj::new_obj(
        ty,
        Reader {
            input,
            dialect,
            line_num: Cell::new(0),
            fields: RefCell::new(Vec::new()),
        },
    ))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

/// The parser of one record (CPython resets it at every `__next__`).
struct Parser {
    d: &'static Dialect,
    /// The quote character when quoting is enabled (QUOTE_NONE disables it for parsing).
    quote: Option<char>,
    state: State,
    field: String,
    field_len: i64,
    numeric: bool,
    limit: i64,
    /// The characters ending a run of ordinary characters in an unquoted / a quoted field,
    /// as bits per ASCII code, when they are all ASCII (see `feed_line`).
    field_stops: Option<u128>,
    quoted_stops: Option<u128>,
}

/// The set of `chars` as bits per ASCII code, or None if one of them is not ASCII.
fn ascii_mask(chars: &[Option<char>]) -> Option<u128> {
    let mut mask = 0u128;
    for c in chars.iter().flatten() {
        let b = u32::from(*c);
        if b >= 128 {
            return None;
        }
        mask |= 1u128 << b;
    }
    Some(mask)
}

fn is_newline(c: Option<char>) -> bool {
    matches!(c, Some('\n') | Some('\r'))
}

impl Parser {
    fn new(d: &'static Dialect) -> Parser {
        let quote = if d.quoting == QUOTE_NONE {
            None
        } else {
            d.quotechar
        };
        Parser {
            d,
            quote,
            field_stops: ascii_mask(&[Some(d.delimiter), Some('\n'), Some('\r'), d.escapechar]),
            quoted_stops: ascii_mask(&[quote, d.escapechar]),
            state: State::StartRecord,
            field: String::new(),
            field_len: 0,
            numeric: false,
            limit: 0,
        }
    }

    fn add(&mut self, vm: &mut Vm, c: char) -> PyResult<()> {
        if self.field_len >= self.limit {
            let limit = self.limit;
            return Err(csv_error(
                vm,
                format!("field larger than field limit ({limit})"),
            ));
        }
        self.field.push(c);
        self.field_len += 1;
        Ok(())
    }

    /// Ends the current field: appends it (converted to float in a numeric field) to the
    /// reader's record.
    fn save(&mut self, vm: &mut Vm, r: &Reader) -> PyResult<()> {
        let mut v = vm.new_str(&self.field);
        self.field.clear();
        self.field_len = 0;
        if self.numeric {
            self.numeric = false;
            let float = vm.types.float;
            v = ops::call::call(vm, float, &[v])?;
        }
        r.fields.borrow_mut().push(v);
        Ok(())
    }

    /// Ends the record at a line end (`c` is a newline character or the end-of-line marker).
    fn end_record(&mut self, vm: &mut Vm, r: &Reader, c: Option<char>) -> PyResult<()> {
        self.save(vm, r)?;
        self.state = if c.is_none() {
            State::StartRecord
        } else {
            State::EatCrnl
        };
        Ok(())
    }

    /// One character of input; `None` is the end-of-line marker fed after each line.
    fn process(&mut self, vm: &mut Vm, r: &Reader, c: Option<char>) -> PyResult<()> {
        let d = self.d;
        match self.state {
            State::StartRecord => {
                if c.is_none() {
                    // An empty line: the record is [].
                } else if is_newline(c) {
                    self.state = State::EatCrnl;
                } else {
                    self.state = State::StartField;
                    self.start_field(vm, r, c)?;
                }
            }
            State::StartField => self.start_field(vm, r, c)?,
            State::EscapedChar => {
                if let Some(ch @ ('\n' | '\r')) = c {
                    self.add(vm, ch)?;
                    self.state = State::AfterEscapedCrnl;
                } else {
                    self.add(vm, c.unwrap_or('\n'))?;
                    self.state = State::InField;
                }
            }
            State::AfterEscapedCrnl => {
                if c.is_some() {
                    self.in_field(vm, r, c)?;
                }
            }
            State::InField => self.in_field(vm, r, c)?,
            State::InQuotedField => match c {
                None => {}
                Some(ch) if Some(ch) == d.escapechar => self.state = State::EscapeInQuotedField,
                Some(ch) if Some(ch) == self.quote => {
                    self.state = if d.doublequote {
                        State::QuoteInQuotedField
                    } else {
                        State::InField
                    };
                }
                Some(ch) => self.add(vm, ch)?,
            },
            State::EscapeInQuotedField => {
                self.add(vm, c.unwrap_or('\n'))?;
                self.state = State::InQuotedField;
            }
            State::QuoteInQuotedField => {
                if c.is_some() && c == self.quote {
                    // A doubled quote stands for one.
                    self.add(vm, c.unwrap_or('"'))?;
                    self.state = State::InQuotedField;
                } else if c == Some(d.delimiter) {
                    self.save(vm, r)?;
                    self.state = State::StartField;
                } else if c.is_none() || is_newline(c) {
                    self.end_record(vm, r, c)?;
                } else if !d.strict {
                    self.add(vm, c.unwrap_or(' '))?;
                    self.state = State::InField;
                } else {
                    let q = d.quotechar.map(String::from).unwrap_or_default();
                    return Err(csv_error(
                        vm,
                        format!("'{}' expected after '{q}'", d.delimiter),
                    ));
                }
            }
            State::EatCrnl => {
                if is_newline(c) {
                } else if c.is_none() {
                    self.state = State::StartRecord;
                } else {
                    return Err(csv_error(
                        vm,
                        "new-line character seen in unquoted field - do you need to open the file in universal-newline mode?",
                    ));
                }
            }
        }
        Ok(())
    }

    fn start_field(&mut self, vm: &mut Vm, r: &Reader, c: Option<char>) -> PyResult<()> {
        let d = self.d;
        let Some(ch) = c.filter(|ch| *ch != '\n' && *ch != '\r') else {
            return self.end_record(vm, r, c);
        };
        if Some(ch) == self.quote {
            self.state = State::InQuotedField;
        } else if Some(ch) == d.escapechar {
            self.state = State::EscapedChar;
        } else if ch == ' ' && d.skipinitialspace {
            // Spaces at the start of a field are skipped.
        } else if ch == d.delimiter {
            self.save(vm, r)?;
        } else {
            if d.quoting == QUOTE_NONNUMERIC {
                self.numeric = true;
            }
            self.add(vm, ch)?;
            self.state = State::InField;
        }
        Ok(())
    }

    fn in_field(&mut self, vm: &mut Vm, r: &Reader, c: Option<char>) -> PyResult<()> {
        let d = self.d;
        let Some(ch) = c.filter(|ch| *ch != '\n' && *ch != '\r') else {
            return self.end_record(vm, r, c);
        };
        if Some(ch) == d.escapechar {
            self.state = State::EscapedChar;
        } else if ch == d.delimiter {
            self.save(vm, r)?;
            self.state = State::StartField;
        } else {
            // The state is left as is: after an escaped line break (AfterEscapedCrnl, which
            // falls through to here) CPython keeps ignoring line ends until a delimiter, an
            // escape or a line break character changes the state.
            self.add(vm, ch)?;
        }
        Ok(())
    }

    /// Feeds one line. In the common states, runs of ordinary characters are copied at once.
    fn feed_line(&mut self, vm: &mut Vm, r: &Reader, line: &str) -> PyResult<()> {
        let d = self.d;
        let mut rest = line;
        while let Some(c) = rest.chars().next() {
            rest = &rest[c.len_utf8()..];
            self.process(vm, r, Some(c))?;
            // After an ordinary character the parser is in a field; copy the following
            // ordinary characters without going through the state machine.
            let quoted = match self.state {
                State::InField => false,
                State::InQuotedField => true,
                _ => continue,
            };
            let mask = if quoted {
                self.quoted_stops
            } else {
                self.field_stops
            };
            let n = match mask {
                // Bytes of multi-byte UTF-8 sequences are >= 128: never a stop.
                Some(m) => rest
                    .bytes()
                    .position(|b| b < 128 && m & (1u128 << b) != 0)
                    .unwrap_or(rest.len()),
                None => {
                    let q = self.quote;
                    let stop = |c: char| {
                        if quoted {
                            Some(c) == q || Some(c) == d.escapechar
                        } else {
                            c == d.delimiter || c == '\n' || c == '\r' || Some(c) == d.escapechar
                        }
                    };
                    rest.char_indices()
                        .find(|&(_, c)| stop(c))
                        .map_or(rest.len(), |(i, _)| i)
                }
            };
            if n > 0 {
                let run = &rest[..n];
                let count = run.chars().count() as i64;
                if self.field_len + count > self.limit {
                    // Let `add` raise at the exact character.
                    for c in run.chars() {
                        self.add(vm, c)?;
                    }
                } else {
                    self.field.push_str(run);
                    self.field_len += count;
                }
                rest = &rest[n..];
            }
        }
        self.process(vm, r, None)
    }
}

/// `next(reader)`: the next record as a list of fields.
fn reader_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = reader_of(vm, a[0])?;
    let d = dialect_of(vm, r.dialect)?;
    r.fields.borrow_mut().clear();
    let mut p = Parser::new(d);
    loop {
        let Some(line) = ops::iter::next(vm, r.input)? else {
            if p.field_len != 0 || p.state == State::InQuotedField {
                if d.strict {
                    return Err(csv_error(vm, "unexpected end of data"));
                }
                p.save(vm, r)?;
                break;
            }
            return Err(vm.stop_iteration(Value::NULL));
        };
        let Some(text) = as_str(line) else {
            let tn = vm.type_name(line);
            return Err(csv_error(
                vm,
                format!(
                    "iterator should return strings, not {tn} (the file should be opened in text mode)"
                ),
            ));
        };
        r.line_num.set(r.line_num.get() + 1);
        p.limit = super::field_limit(vm);
        p.feed_line(vm, r, text)?;
        if p.state == State::StartRecord {
            break;
        }
    }
    let fields = std::mem::take(&mut *r.fields.borrow_mut());
    Ok(list::new_list(vm, fields))
}
