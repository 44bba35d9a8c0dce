//! The page language (`Ui`): Swedish under `/`, English under `/en/`, and the language switch
//! that keeps the page — always a link to a path on this site.

use actix_web::HttpRequest;

use super::texts::{EN, SV, Texts};

/// The page language and the links that depend on it.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub t: &'static Texts,
    /// `""` for Swedish, `"/en"` for English.
    pub prefix: &'static str,
}

impl Ui {
    pub const SV: Ui = Ui { t: &SV, prefix: "" };
    pub const EN: Ui = Ui {
        t: &EN,
        prefix: "/en",
    };

    pub fn english(self) -> bool {
        self.prefix == "/en"
    }

    /// The page's language, for the labels of terms and kinds.
    pub fn lang(self) -> crate::domain::Language {
        if self.english() {
            crate::domain::Language::En
        } else {
            crate::domain::Language::Sv
        }
    }

    /// The same page in the other language: always a path on this site. A request path
    /// with doubled slashes (`/en//evil.example/x`) would otherwise give a protocol-relative
    /// link to another site, so runs of slashes are collapsed (and backslashes, which
    /// browsers read as slashes, are too).
    pub fn switch_href(self, path: &str) -> String {
        let path = same_site(path);
        if self.english() {
            let p = path.strip_prefix("/en").unwrap_or(&path);
            if p.is_empty() || p.starts_with('?') {
                format!("/{p}")
            } else if p.starts_with('/') {
                p.to_owned()
            } else {
                // `/english` is not under `/en/`: its Swedish page is itself.
                path.clone()
            }
        } else {
            format!("/en{}", if path == "/" { "/" } else { &path })
        }
    }
}

/// `path` as a path on this site: starting with one `/`, no run of slashes, no backslash.
fn same_site(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 1);
    for c in std::iter::once('/').chain(path.chars()) {
        let c = if c == '\\' { '/' } else { c };
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    out
}

/// The request's page language.
pub(in crate::web) fn ui_of(req: &HttpRequest) -> Ui {
    if req.path() == "/en" || req.path().starts_with("/en/") {
        Ui::EN
    } else {
        Ui::SV
    }
}

#[cfg(test)]
mod tests {
    use super::Ui;

    #[test]
    fn the_switch_keeps_the_page() {
        assert_eq!(Ui::SV.switch_href("/"), "/en/");
        assert_eq!(Ui::SV.switch_href("/variabel/kon"), "/en/variabel/kon");
        assert_eq!(Ui::EN.switch_href("/en"), "/");
        assert_eq!(Ui::EN.switch_href("/en/"), "/");
        assert_eq!(Ui::EN.switch_href("/en/variabel/kon"), "/variabel/kon");
        assert_eq!(Ui::EN.switch_href("/en/sok?q=x"), "/sok?q=x");
    }

    #[test]
    fn the_switch_never_leaves_the_site() {
        for (ui, path) in [
            (Ui::EN, "/en//evil.example/x"),
            (Ui::EN, "/en///evil.example/x"),
            (Ui::EN, "/en/\\evil.example/x"),
            (Ui::SV, "//evil.example/x"),
            (Ui::SV, "/\\evil.example"),
            (Ui::EN, "/en"),
        ] {
            let href = ui.switch_href(path);
            assert!(
                href.starts_with('/') && !href.starts_with("//") && !href.contains('\\'),
                "{path:?} gave {href:?}"
            );
        }
        assert_eq!(Ui::EN.switch_href("/en//evil.example/x"), "/evil.example/x");
    }
}
