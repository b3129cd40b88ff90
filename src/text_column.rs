//! A column of text cells stored end to end in one buffer, with the end offset of each cell.
//! A million ids or names as `Vec<String>` are a million heap allocations to make and free (the
//! reader's and the engine's biggest fixed cost per text cell, worse under wasm's allocator);
//! here they are two growing buffers, cloned with two copies and handed to JavaScript as is.

use std::ops::Index;

#[derive(Clone, Default, PartialEq, Eq)]
pub struct TextColumn {
    text: String,
    /// `ends[i]` is where cell `i` ends in `text`; it starts where cell `i - 1` ends.
    ends: Vec<usize>,
}

impl TextColumn {
    pub fn new() -> TextColumn {
        TextColumn::default()
    }

    pub fn with_capacity(cells: usize, bytes: usize) -> TextColumn {
        TextColumn {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(cells),
        }
    }

    /// Room for `cells` more cells of `bytes` more text in all.
    pub fn reserve(&mut self, cells: usize, bytes: usize) {
        self.ends.reserve(cells);
        self.text.reserve(bytes);
    }

    pub fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.ends.push(self.text.len());
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Bytes of text in all cells.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let cell = &self.text[start..end];
            start = end;
            cell
        })
    }

    /// All cells' text end to end, and where each ends (what JavaScript receives).
    pub fn parts(&self) -> (&str, &[usize]) {
        (&self.text, &self.ends)
    }
}

impl Index<usize> for TextColumn {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(cell) => cell,
            None => panic!("cell {i} of a text column of {} cells", self.len()),
        }
    }
}

impl<S: AsRef<str>> FromIterator<S> for TextColumn {
    fn from_iter<I: IntoIterator<Item = S>>(cells: I) -> TextColumn {
        let mut column = TextColumn::new();
        for cell in cells {
            column.push(cell.as_ref());
        }
        column
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for TextColumn {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for TextColumn {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for TextColumn {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl std::fmt::Debug for TextColumn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_come_back_as_pushed_including_empty_and_multibyte_ones() {
        let cells = ["C001", "", "福建明辉制造有限公司", "a,b\n\"c\"", ""];
        let column: TextColumn = cells.iter().collect();
        assert_eq!(column.len(), 5);
        assert_eq!(column, cells);
        assert_eq!(&column[2], "福建明辉制造有限公司");
        assert_eq!(column.get(4), Some(""));
        assert_eq!(column.get(5), None);
        assert_eq!(column.iter().collect::<Vec<_>>(), cells);
        assert_eq!(column.iter().len(), 5);
        assert_eq!(
            column.text_len(),
            cells.iter().map(|c| c.len()).sum::<usize>()
        );
        assert_ne!(column, ["C001"]);
    }

    #[test]
    fn an_empty_column_has_no_cells() {
        let column = TextColumn::with_capacity(10, 100);
        assert!(column.is_empty());
        assert_eq!(column.get(0), None);
        assert_eq!(column.iter().count(), 0);
        assert_eq!(format!("{column:?}"), "[]");
    }
}
