//! The national-scale workbook: 21 regions, 50 data collections, `codebooks` codebooks of
//! [`CODES_PER_BOOK`](super::CODES_PER_BOOK) codes each, `variables` variables and four use
//! cases with their bindings, as one xlsx file, every item published (status standard).

use std::path::Path;

use super::CODES_PER_BOOK;

pub fn generate(
    path: &Path,
    variables: usize,
    codebooks: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut sheet = |name: &str,
                     headings: &[&str],
                     rows: &mut dyn Iterator<Item = Vec<String>>|
     -> Result<(), rust_xlsxwriter::XlsxError> {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        for (c, h) in headings.iter().enumerate() {
            ws.write_string(0, c as u16, *h)?;
        }
        for (r, row) in rows.enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32 + 1, c as u16, v)?;
                }
            }
        }
        Ok(())
    };
    // Distinct numbers with a valid check digit, as the import requires.
    let orgs: Vec<String> = (0..21)
        .filter_map(|i| {
            let nine = format!("232100{:03}", 1 + i);
            let check = varcat::domain::orgnr_check_digit(&nine)?;
            Some(format!("{}-{}{check}", &nine[..6], &nine[6..]))
        })
        .collect();
    sheet(
        "organisationer",
        &["Organisationsnummer", "Namn", "Namn (en)", "Typ"],
        &mut orgs.iter().enumerate().map(|(i, o)| {
            vec![
                o.clone(),
                format!("Region {i}"),
                format!("Region {i}"),
                "RegionalAuthority".into(),
            ]
        }),
    )?;
    sheet(
        "datainsamlingar",
        &[
            "Identifierare",
            "Titel",
            "Beskrivning",
            "Utgivare",
            "Kontakt e-post",
            "Åtkomst",
            "Frekvens",
        ],
        &mut (0..50).map(|i| {
            vec![
                format!("insamling-{i}"),
                format!("Insamling {i}"),
                "Syntetisk".into(),
                orgs[i % 21].clone(),
                "data@example.se".into(),
                "begränsad".into(),
                "månadsvis".into(),
            ]
        }),
    )?;
    sheet(
        "kodverk",
        &[
            "Identifierare",
            "Titel",
            "Titel (en)",
            "Version",
            "Källa",
            "Utgivare",
            // A new item imported without a status is a draft, hidden from anonymous readers.
            "Status",
        ],
        &mut (0..codebooks).map(|i| {
            vec![
                format!("kodverk-{i}"),
                format!("Kodverk {i}"),
                format!("Codebook {i}"),
                "2025".into(),
                "Syntetisk".into(),
                orgs[i % 21].clone(),
                "standard".into(),
            ]
        }),
    )?;
    sheet(
        "koder",
        &[
            "Kodverk",
            "Kod",
            "Benämning",
            "Benämning (en)",
            "Definition",
            "Överordnad",
        ],
        &mut (0..codebooks).flat_map(|b| {
            (0..CODES_PER_BOOK).map(move |c| {
                let parent = if c % 10 == 0 {
                    String::new()
                } else {
                    format!("K{}", c - c % 10)
                };
                vec![
                    format!("kodverk-{b}"),
                    format!("K{c}"),
                    format!("Kod {c} i kodverk {b}"),
                    format!("Code {c}"),
                    format!("Definition av kod {c}"),
                    parent,
                ]
            })
        }),
    )?;
    sheet(
        "variabler",
        &[
            "Identifierare",
            "Kortnamn",
            "Namn",
            "Namn (en)",
            "Definition",
            "Definition (en)",
            "Datatyp",
            "Värdemängd",
            "Obligatorisk",
            "Ägare",
            "Datainsamlingar",
            "Version",
            "Status",
            "Giltig från",
            "Indata/utdata",
        ],
        &mut (0..variables).map(|i| {
            let coded = i % 2 == 0;
            vec![
                format!("variabel-{i}"),
                format!("VAR{i}"),
                format!("Variabel {i}"),
                format!("Variable {i}"),
                format!("Syntetisk definition av variabel {i} för mätning av katalogens import."),
                format!("Synthetic definition of variable {i}."),
                if coded { "kod" } else { "heltal" }.into(),
                if coded {
                    format!("kodverk-{}", i % codebooks)
                } else {
                    String::new()
                },
                "Ja".into(),
                orgs[i % 21].clone(),
                format!("insamling-{};insamling-{}", i % 50, (i + 7) % 50),
                "1.0".into(),
                "standard".into(),
                "2025-01-01".into(),
                "Indata per kontakt; utdata per månad.".into(),
            ]
        }),
    )?;
    sheet(
        "anvandningsfall",
        &["Identifierare", "Titel", "Status"],
        &mut (0..4).map(|i| {
            vec![
                format!("fall-{i}"),
                format!("Användningsfall {i}"),
                "standard".into(),
            ]
        }),
    )?;
    sheet(
        "kopplingar",
        &[
            "Användningsfall",
            "Variabel",
            "Roll",
            "Prioritet",
            "Snabb vinst",
        ],
        // Every tenth variable (2,000 at national scale), so that a smaller catalogue binds
        // only variables it has.
        &mut (0..variables / 10).map(|i| {
            vec![
                format!("fall-{}", i % 4),
                format!("variabel-{}", i * 10),
                "obligatorisk".into(),
                "1".into(),
                "Nej".into(),
            ]
        }),
    )?;
    wb.save(path)?;
    Ok(())
}
