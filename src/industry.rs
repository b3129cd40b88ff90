//! The 16 industry categories of the 2011 SME size standard (工信部联企业〔2011〕300号), and the
//! mapping from what bank data actually carries — category keys, Chinese names, GB/T 4754-2017
//! codes — to one of them. Anything that cannot be mapped without guessing is an error value that
//! says why (ambiguous section, outside the standard, not recognised).

use serde::{Deserialize, Serialize};

/// One industry category of the SME size standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Industry {
    Agriculture,
    Industry,
    Construction,
    Wholesale,
    Retail,
    Transport,
    Warehousing,
    Postal,
    Accommodation,
    Catering,
    InformationTransmission,
    SoftwareIt,
    RealEstate,
    PropertyManagement,
    LeasingBusiness,
    Other,
}

/// Why an industry value could not be mapped to a category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndustryError {
    /// Empty cell.
    Missing,
    /// A code or name that covers several categories with different thresholds (e.g. `F`, `K70`).
    Ambiguous {
        value: String,
        candidates: &'static str,
    },
    /// Railway transport (G53) and finance (J) are outside the 2011 standard.
    OutsideStandard {
        value: String,
        what: &'static str,
    },
    NotRecognised {
        value: String,
    },
}

impl std::fmt::Display for IndustryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndustryError::Missing => write!(f, "industry is missing"),
            IndustryError::Ambiguous { value, candidates } => {
                write!(
                    f,
                    "industry '{value}' is ambiguous (covers {candidates}); give a more detailed code"
                )
            }
            IndustryError::OutsideStandard { value, what } => {
                write!(
                    f,
                    "industry '{value}' ({what}) is outside the 2011 SME size standard"
                )
            }
            IndustryError::NotRecognised { value } => {
                write!(f, "industry '{value}' is not recognised")
            }
        }
    }
}

impl Industry {
    pub const ALL: [Industry; 16] = [
        Industry::Agriculture,
        Industry::Industry,
        Industry::Construction,
        Industry::Wholesale,
        Industry::Retail,
        Industry::Transport,
        Industry::Warehousing,
        Industry::Postal,
        Industry::Accommodation,
        Industry::Catering,
        Industry::InformationTransmission,
        Industry::SoftwareIt,
        Industry::RealEstate,
        Industry::PropertyManagement,
        Industry::LeasingBusiness,
        Industry::Other,
    ];

    /// The canonical key used in files, policies and the JS API.
    pub fn key(self) -> &'static str {
        match self {
            Industry::Agriculture => "agriculture",
            Industry::Industry => "industry",
            Industry::Construction => "construction",
            Industry::Wholesale => "wholesale",
            Industry::Retail => "retail",
            Industry::Transport => "transport",
            Industry::Warehousing => "warehousing",
            Industry::Postal => "postal",
            Industry::Accommodation => "accommodation",
            Industry::Catering => "catering",
            Industry::InformationTransmission => "information_transmission",
            Industry::SoftwareIt => "software_it",
            Industry::RealEstate => "real_estate",
            Industry::PropertyManagement => "property_management",
            Industry::LeasingBusiness => "leasing_business",
            Industry::Other => "other",
        }
    }

    /// The name the standard uses.
    pub fn name_zh(self) -> &'static str {
        match self {
            Industry::Agriculture => "农、林、牧、渔业",
            Industry::Industry => "工业",
            Industry::Construction => "建筑业",
            Industry::Wholesale => "批发业",
            Industry::Retail => "零售业",
            Industry::Transport => "交通运输业",
            Industry::Warehousing => "仓储业",
            Industry::Postal => "邮政业",
            Industry::Accommodation => "住宿业",
            Industry::Catering => "餐饮业",
            Industry::InformationTransmission => "信息传输业",
            Industry::SoftwareIt => "软件和信息技术服务业",
            Industry::RealEstate => "房地产开发经营",
            Industry::PropertyManagement => "物业管理",
            Industry::LeasingBusiness => "租赁和商务服务业",
            Industry::Other => "其他未列明行业",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Industry::Agriculture => "Agriculture, forestry, husbandry, fishery",
            Industry::Industry => "Industry (mining, manufacturing, utilities)",
            Industry::Construction => "Construction",
            Industry::Wholesale => "Wholesale",
            Industry::Retail => "Retail",
            Industry::Transport => "Transport (excl. railway)",
            Industry::Warehousing => "Warehousing",
            Industry::Postal => "Postal",
            Industry::Accommodation => "Accommodation",
            Industry::Catering => "Catering",
            Industry::InformationTransmission => "Information transmission",
            Industry::SoftwareIt => "Software & IT services",
            Industry::RealEstate => "Real-estate development",
            Industry::PropertyManagement => "Property management",
            Industry::LeasingBusiness => "Leasing & business services",
            Industry::Other => "Other industries",
        }
    }

    /// A representative GB/T 4754-2017 code (used by the demo data generator).
    pub fn sample_code(self) -> &'static str {
        match self {
            Industry::Agriculture => "A01",
            Industry::Industry => "C13",
            Industry::Construction => "E47",
            Industry::Wholesale => "F51",
            Industry::Retail => "F52",
            Industry::Transport => "G54",
            Industry::Warehousing => "G59",
            Industry::Postal => "G60",
            Industry::Accommodation => "H61",
            Industry::Catering => "H62",
            Industry::InformationTransmission => "I63",
            Industry::SoftwareIt => "I65",
            Industry::RealEstate => "K701",
            Industry::PropertyManagement => "K702",
            Industry::LeasingBusiness => "L71",
            Industry::Other => "M73",
        }
    }

    pub fn from_key(key: &str) -> Option<Industry> {
        Industry::ALL.into_iter().find(|i| i.key() == key)
    }

    /// Map a cell to a category: a key, a Chinese name, or a GB/T 4754-2017 code
    /// (section letter, letter + digits, or digits only).
    pub fn parse(cell: &str) -> Result<Industry, IndustryError> {
        let value = cell.trim();
        if value.is_empty() {
            return Err(IndustryError::Missing);
        }
        let folded = fold_name(value);
        if let Some(i) = Industry::from_key(&folded.to_ascii_lowercase().replace([' ', '-'], "_")) {
            return Ok(i);
        }
        if let Some(result) = from_chinese_name(&folded) {
            return result.map_err(|e| e.with_value(value));
        }
        if let Some(result) = from_gbt_code(&folded) {
            return result.map_err(|e| e.with_value(value));
        }
        Err(IndustryError::NotRecognised {
            value: value.to_string(),
        })
    }
}

impl IndustryError {
    fn with_value(self, value: &str) -> IndustryError {
        match self {
            IndustryError::Ambiguous { candidates, .. } => IndustryError::Ambiguous {
                value: value.to_string(),
                candidates,
            },
            IndustryError::OutsideStandard { what, .. } => IndustryError::OutsideStandard {
                value: value.to_string(),
                what,
            },
            other => other,
        }
    }
}

fn ambiguous(candidates: &'static str) -> IndustryError {
    IndustryError::Ambiguous {
        value: String::new(),
        candidates,
    }
}

fn outside(what: &'static str) -> IndustryError {
    IndustryError::OutsideStandard {
        value: String::new(),
        what,
    }
}

/// Remove the punctuation and spaces that vary between exports (、 , ， and full-width forms).
fn fold_name(value: &str) -> String {
    value
        .chars()
        .map(crate::text::fold_fullwidth)
        .filter(|c| !matches!(c, '、' | ',' | '，' | ' ' | '·' | '　'))
        .collect()
}

/// Chinese names: the standard's own, plus the GB/T section names that map to one category.
fn from_chinese_name(name: &str) -> Option<Result<Industry, IndustryError>> {
    use self::Industry as I;
    let found = match name {
        "农林牧渔业" | "农业" | "林业" | "畜牧业" | "渔业" | "农林牧渔" => {
            Ok(I::Agriculture)
        }
        "工业" | "制造业" | "采矿业" | "电力热力燃气及水生产和供应业" => {
            Ok(I::Industry)
        }
        "建筑业" => Ok(I::Construction),
        "批发业" => Ok(I::Wholesale),
        "零售业" => Ok(I::Retail),
        "交通运输业" | "道路运输业" | "水上运输业" | "航空运输业" | "管道运输业" => {
            Ok(I::Transport)
        }
        "仓储业" => Ok(I::Warehousing),
        "邮政业" => Ok(I::Postal),
        "住宿业" => Ok(I::Accommodation),
        "餐饮业" => Ok(I::Catering),
        "信息传输业" | "电信广播电视和卫星传输服务" | "互联网和相关服务" => {
            Ok(I::InformationTransmission)
        }
        "软件和信息技术服务业" | "软件业" => Ok(I::SoftwareIt),
        "房地产开发经营" | "房地产开发" => Ok(I::RealEstate),
        "物业管理" => Ok(I::PropertyManagement),
        "租赁和商务服务业" | "租赁业" | "商务服务业" => Ok(I::LeasingBusiness),
        "其他未列明行业" | "其他" | "其他行业" => Ok(I::Other),
        "批发和零售业" => Err(ambiguous("wholesale, retail")),
        "交通运输仓储和邮政业" => Err(ambiguous("transport, warehousing, postal")),
        "住宿和餐饮业" => Err(ambiguous("accommodation, catering")),
        "信息传输软件和信息技术服务业" => {
            Err(ambiguous("information transmission, software & IT"))
        }
        "房地产业" => Err(ambiguous(
            "real-estate development, property management, other",
        )),
        "铁路运输业" => Err(outside("railway transport")),
        "金融业" => Err(outside("finance")),
        _ => return None,
    };
    Some(found)
}

/// GB/T 4754-2017 codes. Sections are letters A–T; divisions are two digits (01–97) that each
/// belong to one section, so a digits-only code is read through its division.
fn from_gbt_code(code: &str) -> Option<Result<Industry, IndustryError>> {
    let upper = code.to_ascii_uppercase();
    let mut chars = upper.chars();
    let first = chars.next()?;
    let (section, digits) = if first.is_ascii_alphabetic() {
        (first, chars.as_str())
    } else {
        let division: u32 = upper.get(0..2)?.parse().ok()?;
        (section_of_division(division)?, upper.as_str())
    };
    if !digits.chars().all(|c| c.is_ascii_digit())
        || digits.len() > 4
        || !('A'..='T').contains(&section)
    {
        return None;
    }
    if !digits.is_empty() && digits.len() < 2 {
        return None;
    }
    let division: Option<u32> = digits.get(0..2).and_then(|d| d.parse().ok());
    if let Some(d) = division {
        if section_of_division(d) != Some(section) {
            return None;
        }
    }
    let group: Option<u32> = digits.get(0..3).and_then(|d| d.parse().ok());
    Some(industry_of(section, division, group))
}

fn section_of_division(division: u32) -> Option<char> {
    Some(match division {
        1..=5 => 'A',
        6..=12 => 'B',
        13..=43 => 'C',
        44..=46 => 'D',
        47..=50 => 'E',
        51..=52 => 'F',
        53..=60 => 'G',
        61..=62 => 'H',
        63..=65 => 'I',
        66..=69 => 'J',
        70 => 'K',
        71..=72 => 'L',
        73..=75 => 'M',
        76..=79 => 'N',
        80..=82 => 'O',
        83 => 'P',
        84..=85 => 'Q',
        86..=90 => 'R',
        91..=96 => 'S',
        97 => 'T',
        _ => return None,
    })
}

fn industry_of(
    section: char,
    division: Option<u32>,
    group: Option<u32>,
) -> Result<Industry, IndustryError> {
    use self::Industry as I;
    match (section, division) {
        ('A', _) => Ok(I::Agriculture),
        ('B' | 'C' | 'D', _) => Ok(I::Industry),
        ('E', _) => Ok(I::Construction),
        ('F', Some(51)) => Ok(I::Wholesale),
        ('F', Some(52)) => Ok(I::Retail),
        ('F', _) => Err(ambiguous("wholesale (F51), retail (F52)")),
        ('G', Some(53)) => Err(outside("railway transport")),
        ('G', Some(54..=58)) => Ok(I::Transport),
        ('G', Some(59)) => Ok(I::Warehousing),
        ('G', Some(60)) => Ok(I::Postal),
        ('G', _) => Err(ambiguous(
            "transport (G54–G58), warehousing (G59), postal (G60)",
        )),
        ('H', Some(61)) => Ok(I::Accommodation),
        ('H', Some(62)) => Ok(I::Catering),
        ('H', _) => Err(ambiguous("accommodation (H61), catering (H62)")),
        ('I', Some(63 | 64)) => Ok(I::InformationTransmission),
        ('I', Some(65)) => Ok(I::SoftwareIt),
        ('I', _) => Err(ambiguous(
            "information transmission (I63, I64), software & IT (I65)",
        )),
        ('J', _) => Err(outside("finance")),
        ('K', _) => match group {
            Some(701) => Ok(I::RealEstate),
            Some(702) => Ok(I::PropertyManagement),
            Some(_) => Ok(I::Other),
            None => Err(ambiguous(
                "real-estate development (K701), property management (K702), other",
            )),
        },
        ('L', _) => Ok(I::LeasingBusiness),
        _ => Ok(I::Other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_all_sixteen_are_distinct() {
        for i in Industry::ALL {
            assert_eq!(Industry::parse(i.key()), Ok(i));
            assert_eq!(Industry::parse(i.name_zh()), Ok(i), "{}", i.name_zh());
            assert_eq!(
                Industry::parse(i.sample_code()),
                Ok(i),
                "{}",
                i.sample_code()
            );
        }
        let mut keys: Vec<_> = Industry::ALL.iter().map(|i| i.key()).collect();
        keys.dedup();
        assert_eq!(keys.len(), 16);
    }

    #[test]
    fn gbt_codes_follow_the_usual_mapping() {
        use super::Industry as I;
        let cases = [
            ("A", I::Agriculture),
            ("A0111", I::Agriculture),
            ("B06", I::Industry),
            ("C", I::Industry),
            ("C3911", I::Industry),
            ("D44", I::Industry),
            ("E", I::Construction),
            ("E4710", I::Construction),
            ("F51", I::Wholesale),
            ("F5123", I::Wholesale),
            ("F52", I::Retail),
            ("G54", I::Transport),
            ("G58", I::Transport),
            ("G59", I::Warehousing),
            ("G60", I::Postal),
            ("H61", I::Accommodation),
            ("H62", I::Catering),
            ("I63", I::InformationTransmission),
            ("I64", I::InformationTransmission),
            ("I65", I::SoftwareIt),
            ("K701", I::RealEstate),
            ("K7010", I::RealEstate),
            ("K702", I::PropertyManagement),
            ("K703", I::Other),
            ("L", I::LeasingBusiness),
            ("L72", I::LeasingBusiness),
            ("M73", I::Other),
            ("P83", I::Other),
            ("S", I::Other),
            ("c13", I::Industry),
            ("f 51", I::Wholesale),
            ("51", I::Wholesale),
            ("5212", I::Retail),
            ("13", I::Industry),
            ("7010", I::RealEstate),
            ("Ｆ５２", I::Retail),
        ];
        for (code, want) in cases {
            assert_eq!(Industry::parse(code), Ok(want), "{code}");
        }
    }

    #[test]
    fn ambiguous_and_outside_codes_are_errors_not_guesses() {
        for code in ["F", "G", "H", "I", "K", "K70", "批发和零售业", "房地产业"] {
            assert!(
                matches!(Industry::parse(code), Err(IndustryError::Ambiguous { .. })),
                "{code}"
            );
        }
        for code in ["G53", "J", "J66", "66", "金融业", "铁路运输业"] {
            assert!(
                matches!(
                    Industry::parse(code),
                    Err(IndustryError::OutsideStandard { .. })
                ),
                "{code}"
            );
        }
        for code in ["X", "C5", "F53", "Z12", "banking", "99", "零食"] {
            assert!(
                matches!(
                    Industry::parse(code),
                    Err(IndustryError::NotRecognised { .. })
                ),
                "{code}"
            );
        }
        assert_eq!(Industry::parse("  "), Err(IndustryError::Missing));
        let msg = Industry::parse("K70").unwrap_err().to_string();
        assert!(msg.contains("K70") && msg.contains("K701"), "{msg}");
    }

    #[test]
    fn chinese_names_with_varying_punctuation() {
        assert_eq!(Industry::parse("农林牧渔业"), Ok(Industry::Agriculture));
        assert_eq!(
            Industry::parse("农，林，牧，渔业"),
            Ok(Industry::Agriculture)
        );
        assert_eq!(Industry::parse("制造业"), Ok(Industry::Industry));
        assert_eq!(
            Industry::parse("电力、热力、燃气及水生产和供应业"),
            Ok(Industry::Industry)
        );
        assert_eq!(Industry::parse("Software_IT"), Ok(Industry::SoftwareIt));
    }
}
