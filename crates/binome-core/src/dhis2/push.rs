//! Sending dataValueSets to a DHIS2 server: a dry run first (DHIS2 checks
//! everything and imports nothing), then, once a person has read the
//! summary, the real import. Both answer with DHIS2's import summary.

use super::Dhis2Error;
use base64::Engine;
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

/// How Binôme signs in to DHIS2.
#[derive(Debug, Clone)]
pub enum Dhis2Auth {
    /// A personal access token (DHIS2 2.37+), sent as `ApiToken`.
    Token(String),
    Basic {
        user: String,
        password: String,
    },
}

impl Dhis2Auth {
    fn header(&self) -> String {
        match self {
            Dhis2Auth::Token(token) => format!("ApiToken {token}"),
            Dhis2Auth::Basic { user, password } => {
                format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
            }
        }
    }
}

/// How an import went, in DHIS2's words: an import summary says SUCCESS,
/// WARNING or ERROR, the message around it OK, WARNING or ERROR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::EnumString, strum::IntoStaticStr)]
#[serde(rename_all = "UPPERCASE")]
#[strum(serialize_all = "UPPERCASE")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Dhis2Status {
    Ok,
    Success,
    Warning,
    Error,
}

impl Dhis2Status {
    pub fn code(self) -> &'static str {
        self.into()
    }
}

/// DHIS2's import summary, in either of its shapes (bare, or inside
/// `response` since 2.38).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSummary {
    pub status: Dhis2Status,
    pub imported: u32,
    pub updated: u32,
    pub ignored: u32,
    pub deleted: u32,
    /// What DHIS2 refused, as it says it: "object: value".
    pub conflicts: Vec<String>,
    pub dry_run: bool,
}

impl ImportSummary {
    pub fn from_json(value: &Value, dry_run: bool) -> Option<ImportSummary> {
        let summary = match value.get("response") {
            Some(inner) if inner.get("importCount").is_some() => inner,
            _ => value,
        };
        let count = summary.get("importCount")?;
        let number = |name: &str| count.get(name).and_then(Value::as_u64).unwrap_or(0) as u32;
        let conflicts = summary
            .get("conflicts")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .map(|c| {
                        let text = |name: &str| c.get(name).and_then(Value::as_str).unwrap_or_default().to_owned();
                        format!("{}: {}", text("object"), text("value"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(ImportSummary {
            // A summary without a status this Binôme knows is not taken
            // for a success: the person reads the counts and conflicts.
            status: summary
                .get("status")
                .and_then(Value::as_str)
                .and_then(|s| s.parse().ok())
                .unwrap_or(Dhis2Status::Error),
            imported: number("imported"),
            updated: number("updated"),
            ignored: number("ignored"),
            deleted: number("deleted"),
            conflicts,
            dry_run,
        })
    }
}

/// The server's address if credentials may be sent to it: `https://`, or
/// `http://` to this computer only (a DHIS2 on the laptop, a tunnel).
pub fn checked_server(server: &str) -> Result<url::Url, Dhis2Error> {
    let refused = || Dhis2Error::InsecureServer { server: server.to_owned() };
    let url = url::Url::parse(server.trim()).map_err(|_| refused())?;
    let local = match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" if url.host().is_some() => Ok(url),
        "http" if local => Ok(url),
        _ => Err(refused()),
    }
}

/// POSTs `body` (dataValueSets JSON) to `<server>/api/dataValueSets`.
pub fn push_data_value_sets(
    server: &str,
    auth: &Dhis2Auth,
    body: &str,
    dry_run: bool,
) -> Result<ImportSummary, Dhis2Error> {
    let base = checked_server(server)?;
    let url = format!(
        "{}/api/dataValueSets?dryRun={dry_run}&importStrategy=CREATE_AND_UPDATE",
        base.as_str().trim_end_matches('/')
    );
    let unreachable = |detail: String| Dhis2Error::Unreachable { server: server.to_owned(), detail };
    let tls = native_tls::TlsConnector::new().map_err(|e| unreachable(e.to_string()))?;
    // No redirects: one to a clear-text address would carry the password.
    let agent =
        ureq::AgentBuilder::new().tls_connector(Arc::new(tls)).redirects(0).timeout(Duration::from_secs(120)).build();
    let response = agent
        .post(&url)
        .set("Authorization", &auth.header())
        .set("Content-Type", "application/json")
        .set("Accept", "application/json")
        .send_string(body);
    let (status, text) = match response {
        Ok(r) => (r.status(), r.into_string().map_err(|e| unreachable(e.to_string()))?),
        // DHIS2 answers 409 with a summary when values conflict.
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(ureq::Error::Transport(t)) => return Err(unreachable(t.to_string())),
    };
    if status == 401 || status == 403 {
        return Err(Dhis2Error::Refused { status, detail: "sign-in refused".into() });
    }
    let summary = serde_json::from_str::<Value>(&text).ok().and_then(|v| ImportSummary::from_json(&v, dry_run));
    summary.ok_or_else(|| Dhis2Error::Refused { status, detail: text.chars().take(300).collect() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn credentials_go_over_https_or_stay_on_this_computer() {
        for allowed in [
            "https://dhis2.sante.gouv.td",
            "https://10.0.0.5:8443/dhis",
            "http://localhost:8080",
            "http://127.0.0.1:9/",
            "http://[::1]:8080",
        ] {
            assert!(checked_server(allowed).is_ok(), "{allowed}");
        }
        for refused in [
            "http://dhis2.sante.gouv.td",
            "http://192.168.1.10:8080",
            "ftp://dhis2.org",
            "dhis2.sante.gouv.td",
            "",
            "http://localhost.evil.org",
        ] {
            assert!(
                matches!(checked_server(refused), Err(Dhis2Error::InsecureServer { server }) if server == refused),
                "{refused}"
            );
        }
    }

    fn status_of(response: Value) -> Dhis2Status {
        ImportSummary::from_json(&response, true).expect("an import summary").status
    }

    #[test]
    fn a_summary_s_status_is_dhis2_s_and_one_unknown_or_missing_is_no_success() {
        let counts = json!({"imported": 3, "updated": 0, "ignored": 0, "deleted": 0});
        let nested = json!({"status": "OK", "response": {"status": "WARNING", "importCount": counts}});
        assert_eq!(status_of(nested), Dhis2Status::Warning, "the summary inside `response` is read");
        assert_eq!(status_of(json!({"status": "SUCCESS", "importCount": counts})), Dhis2Status::Success);
        assert_eq!(status_of(json!({"status": "PARTIAL", "importCount": counts})), Dhis2Status::Error);
        assert_eq!(status_of(json!({"importCount": counts})), Dhis2Status::Error);
        assert_eq!(serde_json::to_value(Dhis2Status::Ok).unwrap(), json!("OK"));
    }
}
