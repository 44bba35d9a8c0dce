//! Reading a `multipart/form-data` upload (the import page, `POST /api/import`): the one file
//! part named `file` and the short text fields beside it, within a size limit.

use std::collections::BTreeMap;

use actix_multipart::Multipart;
use futures_util::StreamExt;

/// Longest text field accepted beside the file.
const MAX_FIELD_BYTES: usize = 4096;
/// Most parts a form may have.
const MAX_PARTS: usize = 16;

#[derive(Debug, Default)]
pub struct Form {
    /// The file's name as sent (only its last part is used) and its bytes.
    pub file: Option<(String, Vec<u8>)>,
    pub fields: BTreeMap<String, String>,
}

/// Reads the form; the file may be at most `limit` bytes.
pub async fn read_form(mut multipart: Multipart, limit: usize) -> Result<Form, String> {
    let mut form = Form::default();
    let mut parts = 0;
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(|e| format!("the form cannot be read: {e}"))?;
        parts += 1;
        if parts > MAX_PARTS {
            return Err(format!("the form has more than {MAX_PARTS} parts"));
        }
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_owned);
        let max = if name == "file" {
            limit
        } else {
            MAX_FIELD_BYTES
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| format!("the form cannot be read: {e}"))?;
            if bytes.len() + chunk.len() > max {
                return Err(if name == "file" {
                    format!("the file is larger than {} MB", limit / (1024 * 1024))
                } else {
                    format!("the field {name:?} is too long")
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        if name == "file" {
            let file_name = file_name.unwrap_or_else(|| "upload".into());
            if !bytes.is_empty() || !file_name.is_empty() {
                form.file = Some((file_name, bytes));
            }
        } else {
            let text =
                String::from_utf8(bytes).map_err(|_| format!("the field {name:?} is not UTF-8"))?;
            form.fields.insert(name, text);
        }
    }
    Ok(form)
}
