//! Small text normalisations shared by ingest and mapping: full-width forms to ASCII and the
//! folding used to match column headers to field names. Kept here so the same rule applies
//! everywhere a cell or header is compared.

/// Map a full-width ASCII variant (Ａ, １, ，, ．, －, ％…) or the ideographic space to ASCII.
pub fn fold_fullwidth(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Fold a header or alias for matching: full-width to ASCII, lower case, and without spaces,
/// underscores, hyphens or dots, so "Total Assets", "total_assets" and "ＴＯＴＡＬ-ASSETS" match.
pub fn fold_header(header: &str) -> String {
    header
        .chars()
        .map(fold_fullwidth)
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '\u{FEFF}'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_fullwidth_and_separators() {
        assert_eq!(fold_header("Total Assets"), "totalassets");
        assert_eq!(fold_header("ＴＯＴＡＬ_assets"), "totalassets");
        assert_eq!(fold_header(" 营业 收入 "), "营业收入");
        assert_eq!(fold_fullwidth('５'), '5');
        assert_eq!(fold_fullwidth('中'), '中');
    }
}
