//! The named columns a policy's rules can see while a batch is computed: input numbers (borrowed
//! from the dataset), derived ratios, and each stage's results (grade, tiers, warnings…) as they
//! are produced. Categories are dictionary-encoded once (code 0 = missing) so rules compare small
//! integers, not strings, per row.

use std::borrow::Cow;
use std::collections::HashMap;

/// One column.
pub enum Var<'a> {
    /// NaN = missing.
    Num(Cow<'a, [f64]>),
    /// `keys[code]`; `keys[0]` is always `""` (missing).
    Cat { codes: Vec<u32>, keys: Vec<String> },
    /// Bit i set = the row has flag `keys[i]` (at most 32 flags).
    Flags { bits: Vec<u32>, keys: Vec<String> },
}

/// The type of a variable, for validating conditions before any data exists.
#[derive(Clone, Debug, PartialEq)]
pub enum VarKind {
    Num,
    /// The allowed keys, when they are known in advance (grades, tiers); `None` for free text.
    Cat(Option<Vec<String>>),
    Flags(Vec<String>),
}

impl VarKind {
    pub fn describe(&self) -> &'static str {
        match self {
            VarKind::Num => "number",
            VarKind::Cat(_) => "category",
            VarKind::Flags(_) => "flag list",
        }
    }

    pub fn cat<S: AsRef<str>>(keys: &[S]) -> VarKind {
        VarKind::Cat(Some(keys.iter().map(|k| k.as_ref().to_string()).collect()))
    }
}

pub struct Frame<'a> {
    pub n: usize,
    vars: HashMap<String, Var<'a>>,
}

/// Dictionary-encode strings: code 0 for empty, then first-seen order.
pub fn encode_strings<'s>(
    values: impl IntoIterator<Item = &'s str, IntoIter: ExactSizeIterator>,
) -> (Vec<u32>, Vec<String>) {
    let values = values.into_iter();
    let mut keys = vec![String::new()];
    let mut index: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    let mut codes = Vec::with_capacity(values.len());
    for s in values {
        if s.is_empty() {
            codes.push(0);
            continue;
        }
        let code = match index.get(s) {
            Some(c) => *c,
            None => {
                let c = keys.len() as u32;
                keys.push(s.to_string());
                index.insert(s, c);
                c
            }
        };
        codes.push(code);
    }
    (codes, keys)
}

impl<'a> Frame<'a> {
    pub fn new(n: usize) -> Frame<'a> {
        Frame {
            n,
            vars: HashMap::new(),
        }
    }

    pub fn insert_num(&mut self, name: &str, values: Vec<f64>) {
        self.vars
            .insert(name.to_string(), Var::Num(Cow::Owned(values)));
    }

    pub fn insert_num_ref(&mut self, name: &str, values: &'a [f64]) {
        self.vars
            .insert(name.to_string(), Var::Num(Cow::Borrowed(values)));
    }

    /// Codes must index `keys`, and `keys[0]` must be `""`.
    pub fn insert_cat(&mut self, name: &str, codes: Vec<u32>, keys: Vec<String>) {
        debug_assert_eq!(keys.first().map(String::as_str), Some(""));
        self.vars.insert(name.to_string(), Var::Cat { codes, keys });
    }

    pub fn insert_cat_from_strings<'s>(
        &mut self,
        name: &str,
        values: impl IntoIterator<Item = &'s str, IntoIter: ExactSizeIterator>,
    ) {
        let (codes, keys) = encode_strings(values);
        self.insert_cat(name, codes, keys);
    }

    pub fn insert_flags(&mut self, name: &str, bits: Vec<u32>, keys: Vec<String>) {
        self.vars
            .insert(name.to_string(), Var::Flags { bits, keys });
    }

    /// Remove a variable, handing over its values (the engine moves its columns into the results
    /// once no rule needs them).
    pub fn take(&mut self, name: &str) -> Option<Var<'a>> {
        self.vars.remove(name)
    }

    pub fn get(&self, name: &str) -> Option<&Var<'a>> {
        self.vars.get(name)
    }

    pub fn num(&self, name: &str) -> Option<&[f64]> {
        match self.vars.get(name)? {
            Var::Num(v) => Some(v),
            _ => None,
        }
    }

    /// The key of a category variable at a row (`""` when missing or not a category).
    /// A categorical variable's codes and keys (key 0 = empty).
    pub fn cat_parts(&self, name: &str) -> Option<(&[u32], &[String])> {
        match self.vars.get(name) {
            Some(Var::Cat { codes, keys }) => Some((codes, keys)),
            _ => None,
        }
    }

    pub fn cat_key(&self, name: &str, row: usize) -> &str {
        match self.vars.get(name) {
            Some(Var::Cat { codes, keys }) => &keys[codes[row] as usize],
            _ => "",
        }
    }

    pub fn kind(&self, name: &str) -> Option<VarKind> {
        Some(match self.vars.get(name)? {
            Var::Num(_) => VarKind::Num,
            Var::Cat { keys, .. } => VarKind::Cat(Some(keys.clone())),
            Var::Flags { keys, .. } => VarKind::Flags(keys.clone()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_encoded_with_missing_as_zero() {
        let (codes, keys) = encode_strings(["b", "", "a", "b"]);
        assert_eq!(codes, [1, 0, 2, 1]);
        assert_eq!(keys, ["", "b", "a"]);
        let mut f = Frame::new(4);
        f.insert_cat_from_strings("g", ["b", "", "a", "b"]);
        assert_eq!(f.cat_key("g", 2), "a");
        assert_eq!(f.cat_key("g", 1), "");
        assert_eq!(f.cat_key("nope", 1), "");
    }
}
