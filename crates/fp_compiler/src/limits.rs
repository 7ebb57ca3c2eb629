//! Nesting limits. The symbol-table and code-generation passes recurse over the AST, so input
//! nested too deeply is refused up front (as CPython refuses it: "too many nested parentheses",
//! "too many levels of indentation", and a RecursionError past ~3000 nested expressions), and
//! deep-but-allowed input is compiled on a thread with a stack sized for it.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Pattern, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// Deepest expression/pattern nesting compiled (CPython fails at 3 × its recursion limit of 1000).
pub const MAX_EXPR_DEPTH: usize = 2900;
/// CPython's tokenizer limit on indentation levels.
pub const MAX_INDENT: usize = 100;
/// Unary-operator chains this long overflow CPython's parser stack (a MemoryError), before
/// the compiler's recursion limit is even reached.
pub const PARSER_STACK_UNARY: usize = 5990;

#[derive(Default)]
pub struct DepthProbe {
    expr_depth: usize,
    stmt_depth: usize,
    pub max_expr: usize,
    pub max_stmt: usize,
    pub too_deep_expr: Option<TextRange>,
    pub too_deep_stmt: Option<TextRange>,
    /// Whether the too-deep expression is a unary chain long enough to overflow the parser.
    pub parser_overflow: bool,
    /// Consecutive unary operators enclosing the current expression.
    unary_run: usize,
}

impl DepthProbe {
    pub fn exceeded(&self) -> bool {
        self.too_deep_expr.is_some() || self.too_deep_stmt.is_some()
    }

    /// A bound on the recursion the later passes will need.
    pub fn total(&self) -> usize {
        self.max_expr + self.max_stmt
    }
}

impl<'a> Visitor<'a> for DepthProbe {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.exceeded() {
            return;
        }
        let is_compound = matches!(
            stmt,
            Stmt::FunctionDef(_)
                | Stmt::ClassDef(_)
                | Stmt::For(_)
                | Stmt::While(_)
                | Stmt::If(_)
                | Stmt::With(_)
                | Stmt::Match(_)
                | Stmt::Try(_)
        );
        if is_compound {
            self.stmt_depth += 1;
            self.max_stmt = self.max_stmt.max(self.stmt_depth);
            if self.stmt_depth > MAX_INDENT {
                self.too_deep_stmt = Some(stmt.range());
                return;
            }
        }
        visitor::walk_stmt(self, stmt);
        if is_compound {
            self.stmt_depth -= 1;
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.exceeded() {
            return;
        }
        self.expr_depth += 1;
        self.max_expr = self.max_expr.max(self.expr_depth);
        let saved_run = self.unary_run;
        self.unary_run = if matches!(expr, Expr::UnaryOp(_)) {
            self.unary_run + 1
        } else {
            0
        };
        if self.expr_depth > MAX_EXPR_DEPTH {
            self.too_deep_expr = Some(expr.range());
            // Count the rest of a unary chain without recursing.
            let mut run = self.unary_run;
            let mut e = expr;
            while let Expr::UnaryOp(u) = e {
                e = &u.operand;
                run += 1;
            }
            self.parser_overflow = run >= PARSER_STACK_UNARY;
            return;
        }
        visitor::walk_expr(self, expr);
        self.unary_run = saved_run;
        self.expr_depth -= 1;
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        if self.exceeded() {
            return;
        }
        self.expr_depth += 1;
        self.max_expr = self.max_expr.max(self.expr_depth);
        if self.expr_depth > MAX_EXPR_DEPTH {
            self.too_deep_expr = Some(pattern.range());
            return;
        }
        visitor::walk_pattern(self, pattern);
        self.expr_depth -= 1;
    }
}

pub fn probe_body(body: &[Stmt]) -> DepthProbe {
    let mut p = DepthProbe::default();
    for s in body {
        p.visit_stmt(s);
    }
    p
}

pub fn probe_expr(e: &Expr) -> DepthProbe {
    let mut p = DepthProbe::default();
    p.visit_expr(e);
    p
}
