//! Matching an extract's columns to the collection's variables: by identifier, short name
//! (notation, e.g. `INDATUM`) or name, case- and diacritics-insensitively, after the region's
//! own names given in `--map` (a CSV file `column,variable`).

use std::collections::HashMap;
use std::path::Path;

use super::Unusable;
use super::extract::{Cells, CsvOptions, Extract};
use crate::domain::Variable;

/// Lower-case, without diacritics, with `-`, `_` and runs of spaces as one space:
/// `Vårdenhet_HSA-id` and `vardenhet hsa id` compare equal.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' | 'ã' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' | 'û' => 'u',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ç' => 'c',
            'ñ' => 'n',
            '-' | '_' | ' ' | '\t' => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Finds variables by identifier, short name or name (Swedish or English), preferring an
/// identifier over a short name over a name when they would point at different variables.
pub struct Lookup {
    by_name: HashMap<String, (u8, usize)>,
}

impl Lookup {
    pub fn new(variables: &[&Variable]) -> Self {
        let mut by_name: HashMap<String, (u8, usize)> = HashMap::new();
        for (i, v) in variables.iter().enumerate() {
            let names = [
                (0, v.id.as_str()),
                (1, v.short_name.as_str()),
                (2, v.name.sv.as_str()),
                (2, v.name.en.as_str()),
            ];
            for (rank, name) in names {
                let key = fold(name);
                if key.is_empty() {
                    continue;
                }
                let slot = by_name.entry(key).or_insert((rank, i));
                if rank < slot.0 {
                    *slot = (rank, i);
                }
            }
        }
        Self { by_name }
    }

    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_name.get(&fold(name)).map(|(_, i)| *i)
    }
}

/// Which variable each column holds, and the columns that hold none.
#[derive(Debug, PartialEq, Eq)]
pub struct Matching {
    /// Per column of the extract, the index of its variable.
    pub columns: Vec<Option<usize>>,
    pub unknown: Vec<String>,
}

/// A region's own column names for national variables: folded column name → variable index.
pub type Map = HashMap<String, usize>;

pub fn match_columns(
    headings: &[String],
    lookup: &Lookup,
    map: &Map,
    variables: &[&Variable],
) -> Result<Matching, Unusable> {
    let mut columns = Vec::with_capacity(headings.len());
    let mut unknown = Vec::new();
    let mut taken: HashMap<usize, &str> = HashMap::new();
    for h in headings {
        let var = map.get(&fold(h)).copied().or_else(|| lookup.find(h));
        if let Some(v) = var {
            if let Some(first) = taken.insert(v, h) {
                return Err(Unusable::new(format!(
                    "the columns {first:?} and {h:?} both match the variable {}; \
                     rename one or map them with --map",
                    variables[v].id
                )));
            }
        } else {
            unknown.push(unknown_name(columns.len() + 1, h));
        }
        columns.push(var);
    }
    Ok(Matching { columns, unknown })
}

/// How an unknown column is named in the report: its heading, unless the heading looks like a
/// value (six digits or more, as a personnummer in a first row that is data, not headings),
/// which is never printed.
fn unknown_name(number: usize, heading: &str) -> String {
    let digits = heading.chars().filter(char::is_ascii_digit).count();
    if heading.is_empty() {
        format!("(column {number}: empty heading)")
    } else if digits >= 6 {
        format!("(column {number}: heading not shown, it looks like a value)")
    } else {
        heading.to_owned()
    }
}

/// Reads a `--map` file: a heading row `column,variable` (or `kolumn,variabel`), then one row
/// per column of the region's extract naming the national variable (identifier, short name
/// or name) it holds.
pub fn read_map(path: &Path, lookup: &Lookup, collection: &str) -> Result<Map, Unusable> {
    let name = path.display().to_string();
    let mut file = Extract::open(path, CsvOptions::default())
        .map_err(|e| Unusable::new(format!("--map {name}: {}", e.message)))?;
    let find = |wanted: &[&str]| {
        file.headings
            .iter()
            .position(|h| wanted.contains(&fold(h).as_str()))
    };
    let (Some(col), Some(var)) = (find(&["column", "kolumn"]), find(&["variable", "variabel"]))
    else {
        return Err(Unusable::new(format!(
            "--map {name}: the heading row must name the columns column and variable \
             (or kolumn and variabel)"
        )));
    };
    let mut map = Map::new();
    let mut cells = Cells::default();
    while let Some(row) = file
        .next_row(&mut cells)
        .map_err(|e| Unusable::new(format!("--map {name}: {}", e.message)))?
    {
        let (column, variable) = (cells.get(col), cells.get(var));
        if column.is_empty() && variable.is_empty() {
            continue;
        }
        let Some(v) = lookup.find(variable) else {
            return Err(Unusable::new(format!(
                "--map {name}: row {row}: {variable:?} is not a variable of the collection \
                 {collection}"
            )));
        };
        if map.insert(fold(column), v).is_some() {
            return Err(Unusable::new(format!(
                "--map {name}: row {row}: the column {column:?} is mapped twice"
            )));
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Id, Lang};

    fn var(id: &str, short: &str, name: &str) -> Variable {
        let mut v = Variable::new(
            Id::parse(id).expect("id"),
            Lang::new(name, ""),
            Lang::default(),
        );
        v.short_name = short.to_owned();
        v
    }

    #[test]
    fn folding_ignores_case_diacritics_and_separators() {
        assert_eq!(fold("Vårdenhet_HSA-id"), "vardenhet hsa id");
        assert_eq!(fold("  ÅLDER "), "alder");
        assert_eq!(fold("Kön"), fold("KON"));
    }

    #[test]
    fn columns_match_by_identifier_short_name_or_name_and_map() {
        let vars = [
            var("indatum", "INDATUM", "Inskrivningsdatum"),
            var("kon", "KON", "Kön"),
            var("alder", "ALDER", "Ålder"),
            var("vardenhet", "HSAID", "Vårdenhet (HSA-id)"),
        ];
        let refs: Vec<&Variable> = vars.iter().collect();
        let lookup = Lookup::new(&refs);
        let mut map = Map::new();
        map.insert(fold("LOKAL_ENHET"), 3);
        let headings: Vec<String> = ["inskrivningsdatum", "kön", "Alder", "lokal_enhet", "X"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let m = match_columns(&headings, &lookup, &map, &refs).expect("matches");
        assert_eq!(m.columns, [Some(0), Some(1), Some(2), Some(3), None]);
        assert_eq!(m.unknown, ["X"]);
    }

    #[test]
    fn a_heading_that_looks_like_a_value_is_not_shown() {
        let vars = [var("kon", "KON", "Kön")];
        let refs: Vec<&Variable> = vars.iter().collect();
        let headings = vec!["KON".to_owned(), "19121212-1212".to_owned(), String::new()];
        let m = match_columns(&headings, &Lookup::new(&refs), &Map::new(), &refs).expect("ok");
        assert_eq!(
            m.unknown,
            [
                "(column 2: heading not shown, it looks like a value)",
                "(column 3: empty heading)"
            ]
        );
    }

    #[test]
    fn two_columns_for_one_variable_are_refused() {
        let vars = [var("kon", "KON", "Kön")];
        let refs: Vec<&Variable> = vars.iter().collect();
        let lookup = Lookup::new(&refs);
        let headings = vec!["KON".to_owned(), "kön".to_owned()];
        let e = match_columns(&headings, &lookup, &Map::new(), &refs).expect_err("refused");
        assert!(
            e.message.contains("both match the variable kon"),
            "{}",
            e.message
        );
    }

    #[test]
    fn an_identifier_wins_over_another_variables_name() {
        let vars = [var("a", "B", "c"), var("c", "D", "e")];
        let refs: Vec<&Variable> = vars.iter().collect();
        assert_eq!(Lookup::new(&refs).find("C"), Some(1));
    }
}
