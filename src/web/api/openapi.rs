//! The OpenAPI document (`schemas/openapi.json`, served at `/api/openapi.json`). Each kind of
//! item has its own paths and schema, so that the document says what the server requires of
//! each: the fields a kind has (and no other: unknown fields get 422), which of them must be
//! filled, the If-Match rules, and every answer an operation gives. The per-kind parts are
//! derived from the field tables (`fields`) by the test below, which fails when
//! the file differs; `VARCAT_BLESS=1 cargo test --lib openapi` rewrites them.

use actix_web::HttpResponse;

pub(super) const OPENAPI: &str = include_str!("../../../schemas/openapi.json");

pub(super) async fn document() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(OPENAPI)
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value, json};

    use crate::domain::{ItemKind, Language, TERM_FIELDS};
    use crate::fields::SheetSpec;
    use crate::fields::mappings::{MAPPINGS, entry_columns};
    use crate::import::record;

    use super::OPENAPI;

    /// The kind's name in English sentences, with its article: `a variable`, `an organisation`.
    fn noun(kind: ItemKind) -> String {
        let n = kind.label(Language::En).to_lowercase();
        let article = if n.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {n}")
    }

    fn schema_name(kind: ItemKind) -> String {
        format!("{kind:?}")
    }

    /// What a text field accepts (`Text` in the document).
    fn text() -> Value {
        json!({ "$ref": "#/components/schemas/Text" })
    }

    /// A field that must be filled (`Filled`).
    fn filled() -> Value {
        json!({ "$ref": "#/components/schemas/Filled" })
    }

    fn label(list: bool) -> Value {
        let one = json!({ "$ref": "#/components/schemas/Label" });
        let mut s = if list {
            json!({ "type": "array", "items": one })
        } else {
            one
        };
        s["readOnly"] = json!(true);
        s
    }

    /// The properties and required fields of one row of `spec`, less `skip`.
    fn row(spec: &SheetSpec, fields: &[&'static str]) -> (Map<String, Value>, Vec<Value>) {
        let mut props = Map::new();
        let mut required = Vec::new();
        for col in spec.columns.iter().filter(|c| fields.contains(&c.field)) {
            let f = col.field;
            let s = if col.list {
                json!({ "$ref": "#/components/schemas/Identifiers" })
            } else if col.required {
                filled()
            } else {
                text()
            };
            if col.required && !["id", "orgnr"].contains(&f) {
                required.push(json!(f));
            }
            props.insert(f.into(), s);
            if TERM_FIELDS.contains(&f) {
                props.insert(format!("{f}_label"), label(col.list));
            }
        }
        (props, required)
    }

    fn object(mut props: Map<String, Value>, required: Vec<Value>, about: String) -> Value {
        let mut s = json!({ "type": "object", "description": about });
        if !required.is_empty() {
            s["required"] = Value::Array(required);
        }
        s["properties"] = Value::Object(std::mem::take(&mut props));
        s["additionalProperties"] = json!(false);
        s
    }

    fn item_schema(kind: ItemKind) -> Value {
        let main = record::sheet_of(kind);
        let (mut props, required) = row(main, &record::item_fields(kind));
        let id = record::id_field(kind);
        if let Some(p) = props.get_mut(id) {
            *p = text();
            p["description"] = json!("The identifier; when given, the one the address names.");
        }
        props.insert("iri".into(), json!({ "type": "string", "readOnly": true }));
        props.insert("etag".into(), json!({ "type": "string", "readOnly": true }));
        if let Some(status) = props.get_mut("status") {
            status["description"] = json!(
                "utkast, kandidat, standard, ersatt or avregistrerad. PUT keeps it as it is \
                 (a new item starts as utkast); it changes through the status operation."
            );
        }
        if kind.has_status() {
            props.insert(
                "registrations".into(),
                json!({
                    "type": "array",
                    "readOnly": true,
                    "description": "Its registrations at authorities other than the publisher, by authority; added when reading, ignored when writing (they change through the status operation with an `authority`).",
                    "items": { "$ref": "#/components/schemas/Registration" }
                }),
            );
        }
        if kind == ItemKind::Codebook {
            let fields: Vec<&'static str> = entry_columns().map(|c| c.field).collect();
            let (p, _) = row(&MAPPINGS, &fields);
            let entry = object(p, Vec::new(), "One mapping of a code of this codebook to a code of another code system (SKOS exactMatch, closeMatch, broadMatch, narrowMatch or relatedMatch).".into());
            props.insert(
                "mappings".into(),
                json!({
                    "type": "array",
                    "readOnly": true,
                    "description": "Its codes' mappings to codes of other code systems; added when reading, ignored when writing (they change through the `mappningar` sheet, and a write of the codes keeps them). A mapping to a code system the reader may not see is left out.",
                    "items": entry
                }),
            );
        }
        for list in record::lists(kind) {
            let spec = SheetSpec::by_kind(list.sheet);
            let (p, r) = row(spec, &list.fields());
            let entry = object(p, r, format!("One entry of `{}`.", list.key));
            props.insert(list.key.into(), json!({ "type": "array", "items": entry }));
        }
        object(
            props,
            required,
            format!(
                "{} as the API reads and writes it: the columns of the `{}` sheet of the \
                 spreadsheet template by field name. Fields left out of a PUT are empty \
                 afterwards; `iri`, `etag` and each `…_label` are added when reading and \
                 ignored when writing. Content is checked by the import's rules (422 with \
                 every problem).",
                capitalised(&noun(kind)),
                main.name
            ),
        )
    }

    fn capitalised(s: &str) -> String {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }

    fn id_parameter(kind: ItemKind) -> Value {
        let schema = if kind == ItemKind::Organisation {
            json!({ "type": "string", "pattern": "^(SE)?[0-9]{6}-?[0-9]{4}$" })
        } else {
            json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,99}$" })
        };
        json!({
            "name": "id",
            "in": "path",
            "required": true,
            "description": if kind == ItemKind::Organisation {
                "The organisationsnummer (NNNNNN-NNNN; the dash and an SE in front may be left out)."
            } else {
                "The identifier: a-z, 0-9 and '-', not starting with '-'."
            },
            "schema": schema
        })
    }

    fn responses(codes: &[(&str, Value)]) -> Value {
        let mut m = Map::new();
        for (code, r) in codes {
            m.insert((*code).into(), r.clone());
        }
        Value::Object(m)
    }

    fn shared(name: &str) -> Value {
        json!({ "$ref": format!("#/components/responses/{name}") })
    }

    fn with_etag(description: &str, schema: &str) -> Value {
        json!({
            "description": description,
            "headers": { "ETag": { "$ref": "#/components/headers/ETag" } },
            "content": { "application/json": { "schema": { "$ref": schema } } }
        })
    }

    fn write_errors() -> Vec<(&'static str, Value)> {
        [
            ("400", "BadRequest"),
            ("401", "Unauthorized"),
            ("403", "Forbidden"),
            ("404", "NotFound"),
            ("409", "Conflict"),
            ("413", "PayloadTooLarge"),
            ("422", "UnprocessableEntity"),
            ("428", "PreconditionRequired"),
        ]
        .into_iter()
        .map(|(c, n)| (c, shared(n)))
        .collect()
    }

    /// The paths of `kind`.
    fn paths(kind: ItemKind) -> Vec<(String, Value)> {
        let sheet = record::sheet_of(kind).name;
        let name = schema_name(kind);
        let item = format!("#/components/schemas/{name}");
        let list = format!("#/components/schemas/{name}List");
        let noun = noun(kind);
        let plural = kind.label(Language::En).to_lowercase();
        let mut out = vec![(
            format!("/api/{sheet}"),
            json!({ "get": {
                "tags": ["read"],
                "operationId": format!("list{name}"),
                "summary": format!("Every {plural}{}", if kind == ItemKind::Codebook { " with its codes" } else { "" }),
                "parameters": [{ "$ref": "#/components/parameters/ifNoneMatch" }],
                "responses": responses(&[
                    ("200", with_etag("The items, each with its ETag", &list)),
                    ("304", json!({ "description": "Not modified" })),
                ])
            }}),
        )];
        let mut put = vec![
            ("200", with_etag("Updated (or unchanged)", &item)),
            ("201", {
                let mut r = with_etag("Created", &item);
                r["headers"]["Location"] = json!({ "description": "The new item's API address", "schema": { "type": "string" } });
                r
            }),
        ];
        put.extend(write_errors());
        out.push((
            format!("/api/{sheet}/{{id}}"),
            json!({
                "parameters": [id_parameter(kind)],
                "get": {
                    "tags": ["read"],
                    "operationId": format!("get{name}"),
                    "summary": format!("One {plural}"),
                    "parameters": [{ "$ref": "#/components/parameters/ifNoneMatch" }],
                    "responses": responses(&[
                        ("200", with_etag("The item", &item)),
                        ("304", json!({ "description": "Not modified" })),
                        ("404", shared("NotFound")),
                    ])
                },
                "put": {
                    "tags": ["write"],
                    "operationId": format!("put{name}"),
                    "summary": format!("Create or replace {noun} (editor or registrar)"),
                    "description": "Replaces the item whole with the body (fields left out are empty afterwards), checked by the rules of a spreadsheet import: 422 lists every problem, including those no schema can say (a reference to an item that does not exist, a term that is not known, a control character). Creating an item needs no If-Match; changing one that exists needs If-Match with its current ETag (428 without it, 409 with a stale one). A request that changes nothing writes nothing and answers 200.",
                    "security": [{ "bearer": [] }],
                    "parameters": [{ "$ref": "#/components/parameters/ifMatch" }],
                    "requestBody": {
                        "required": true,
                        "content": { "application/json": { "schema": { "$ref": item } } }
                    },
                    "responses": responses(&put)
                }
            }),
        ));
        if kind.has_status() {
            let mut post = vec![("200", with_etag("Changed", &item))];
            post.extend(write_errors());
            out.push((
                format!("/api/{sheet}/{{id}}/status"),
                json!({
                    "parameters": [id_parameter(kind)],
                    "post": {
                        "tags": ["write"],
                        "operationId": format!("change{name}Status"),
                        "summary": format!("Change {noun}'s registration status (registrar)"),
                        "description": "Moves the item along the lifecycle at one registration authority: utkast→kandidat, kandidat→standard, kandidat→utkast, standard→ersatt, standard→avregistrerad, ersatt→avregistrerad. Anything else is refused with 409, naming the allowed next statuses. The authority (`authority`, default the token's) must be the token's own (else 403) and an organisation in the catalogue (else 422). At the publisher the item's own status changes; at another authority its registration there (`registrations`). The change (authority, from, to, who, note) is kept in the item's history and the audit log.",
                        "security": [{ "bearer": [] }],
                        "parameters": [{ "$ref": "#/components/parameters/ifMatchRequired" }],
                        "requestBody": {
                            "required": true,
                            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/StatusChange" } } }
                        },
                        "responses": responses(&post)
                    }
                }),
            ));
        }
        out
    }

    /// `doc` with every kind's paths and schemas as the spreadsheet format makes them.
    fn derived(mut doc: Value) -> Value {
        for kind in ItemKind::ALL {
            for (path, item) in paths(kind) {
                doc["paths"][path] = item;
            }
            let name = schema_name(kind);
            doc["components"]["schemas"][&name] = item_schema(kind);
            doc["components"]["schemas"][format!("{name}List")] = json!({
                "type": "object",
                "required": ["count", "items"],
                "properties": {
                    "count": { "type": "integer", "minimum": 0 },
                    "items": { "type": "array", "items": { "$ref": format!("#/components/schemas/{name}") } }
                },
                "additionalProperties": false
            });
        }
        doc
    }

    #[test]
    fn the_document_describes_each_kind_as_the_server_reads_it() {
        let on_disk: Value = serde_json::from_str(OPENAPI).expect("schemas/openapi.json is JSON");
        let want = derived(on_disk.clone());
        if std::env::var_os("VARCAT_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/openapi.json");
            let text = serde_json::to_string_pretty(&want).expect("json") + "\n";
            std::fs::write(path, text).expect("write schemas/openapi.json");
            return;
        }
        assert!(
            on_disk == want,
            "schemas/openapi.json differs from the spreadsheet format: \
             run VARCAT_BLESS=1 cargo test --lib openapi"
        );
    }
}
