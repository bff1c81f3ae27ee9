//! DHIS2 files: a mapping template from the store, refusal while anything
//! is unmapped, and dataValueSets JSON and ADX XML checked field by field
//! against DHIS2's documented formats and against `binome indicators`.

use crate::support::{Store, error_code};
use serde_json::{Value, json};
use std::collections::BTreeMap;

fn demo() -> Store {
    let store = Store::new();
    store.ok(&["demo", "--seed", "4", "--scale", "mission"]);
    store
}

/// A DHIS2-shaped identifier: 11 characters, a letter first.
fn uid(prefix: char, n: usize) -> String {
    format!("{prefix}{n:010}")
}

/// The template with every identifier filled in, as a coordinator would.
fn filled_mapping(store: &Store) -> Value {
    let path = store.file("mapping.json");
    store.ok(&["dhis2", "template", "--out", &path]);
    let mut mapping: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for (i, org) in mapping["org_units"].as_array_mut().unwrap().iter_mut().enumerate() {
        org["org_unit"] = Value::from(uid('O', i));
    }
    for (i, figure) in mapping["figures"].as_array_mut().unwrap().iter_mut().enumerate() {
        figure["data_element"] = Value::from(uid('D', i / 3));
        figure["category_option_combo"] = Value::from(uid('C', i % 3));
        if let Some(sex) = figure["disaggregation"].as_str().unwrap().strip_prefix("sex:") {
            figure["adx_categories"] = serde_json::json!({ "SEX": sex.to_uppercase() });
        }
    }
    mapping["data_set"] = Value::from("DSbinome001");
    mapping
}

fn write_mapping(store: &Store, mapping: &Value) -> String {
    let path = store.file("filled.json");
    std::fs::write(&path, serde_json::to_string_pretty(mapping).unwrap()).unwrap();
    path
}

#[test]
fn the_template_lists_every_facility_and_figure_and_is_refused_until_filled() {
    let store = demo();
    let path = store.file("mapping.json");
    let said = store.ok(&["dhis2", "template", "--out", &path]);
    assert!(said.contains(&path), "the template's path is said: {said}");
    let mapping: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(mapping["format"], "binome-dhis2-mapping/1");
    let facilities: Vec<&str> =
        mapping["org_units"].as_array().unwrap().iter().map(|o| o["facility"].as_str().unwrap()).collect();
    assert!(facilities.contains(&"Hôpital de la Mère et de l'Enfant"), "{facilities:?}");
    assert_eq!(mapping["figures"].as_array().unwrap().len(), 5 * 3, "five figures, total and each sex");

    let out = store.file("valeurs.json");
    let error = store.refused(
        &["export", "dhis2-json", "--mapping", &path, "--period", "2019Q1", "--out", &out],
        1,
        "dhis2-unmapped",
    );
    assert!(error.contains("Hôpital de la Mère et de l'Enfant"), "the facility without an org unit: {error}");
    assert!(error.contains("persons_trained (sex:female)"), "{error}");
    assert!(!std::path::Path::new(&out).exists(), "no partial file");
}

#[test]
fn one_unmapped_facility_is_enough_to_refuse_the_whole_file() {
    let store = demo();
    let mut mapping = filled_mapping(&store);
    let hme = mapping["org_units"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|o| o["facility"] == "Hôpital de la Mère et de l'Enfant")
        .unwrap();
    hme["org_unit"] = Value::from("");
    let path = write_mapping(&store, &mapping);
    let out = store.file("valeurs.xml");
    let error =
        store.refused(&["export", "adx", "--mapping", &path, "--period", "201903", "--out", &out], 1, "dhis2-unmapped");
    assert!(error.contains("Hôpital de la Mère et de l'Enfant"), "{error}");
    assert!(!std::path::Path::new(&out).exists());
}

#[test]
fn identifiers_that_are_not_dhis2_uids_are_refused_by_name() {
    let store = demo();
    let mut mapping = filled_mapping(&store);
    mapping["figures"][0]["data_element"] = Value::from("persons trained");
    let path = write_mapping(&store, &mapping);
    let error = store.refused(
        &["export", "dhis2-json", "--mapping", &path, "--period", "2019", "--out", &store.file("x.json")],
        1,
        "dhis2-identifier",
    );
    assert!(error.contains("data_element") && error.contains("persons trained"), "{error}");
    let good = write_mapping(&store, &filled_mapping(&store));
    let error = store.refused(
        &["export", "dhis2-json", "--mapping", &good, "--period", "2019W3", "--out", &store.file("x.json")],
        1,
        "dhis2-period",
    );
    assert!(error.contains("2019W3"), "{error}");
}

/// Persons trained per facility, as `binome indicators` computes them.
fn persons_trained_by_facility(store: &Store, from: &str, to: &str) -> BTreeMap<String, f64> {
    let report = store.json(&["indicators", "--by", "facility", "--from", from, "--to", to]);
    report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["key"].as_str().unwrap().to_owned(), g["indicators"]["persons_trained"].as_f64().unwrap()))
        .collect()
}

#[test]
fn data_value_sets_hold_the_cli_s_figures_for_a_period_of_each_type() {
    let store = demo();
    let mapping = filled_mapping(&store);
    let path = write_mapping(&store, &mapping);
    let org_unit_of: BTreeMap<String, String> = mapping["org_units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["facility_id"].as_str().unwrap().to_owned(), o["org_unit"].as_str().unwrap().to_owned()))
        .collect();
    let expected = persons_trained_by_facility(&store, "01/01/2019", "31/12/2019");
    assert!(expected.values().sum::<f64>() > 10.0, "the demo mission trained people: {expected:?}");

    for period in ["201903", "2019Q1", "2019S1", "2019"] {
        let out = store.file(&format!("{period}.json"));
        let said = store.json(&["export", "dhis2-json", "--mapping", &path, "--period", period, "--out", &out]);
        let set: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        let count = set["dataValues"].as_array().unwrap().len();
        assert_eq!(said, json!({ "written": out, "period": period, "values": count, "pushed": null }));
        assert_eq!(set["period"], period);
        assert_eq!(set["dataSet"], "DSbinome001");
        let values = set["dataValues"].as_array().unwrap();
        assert!(!values.is_empty());
        for v in values {
            for field in ["dataElement", "period", "orgUnit", "categoryOptionCombo", "value"] {
                assert!(v[field].is_string(), "{field} is a string in {v}");
            }
            assert_eq!(v["period"], period);
            assert!(v["value"].as_str().unwrap().parse::<f64>().is_ok(), "a number with a dot: {v}");
        }
        // persons_trained is the first figure: data element D0000000000;
        // total C0000000000, female C0000000001, male C0000000002.
        for (facility, trained) in &expected {
            let org_unit = &org_unit_of[facility];
            let value_of = |coc: &str| {
                values
                    .iter()
                    .find(|v| {
                        v["orgUnit"] == **org_unit
                            && v["dataElement"] == "D0000000000"
                            && v["categoryOptionCombo"] == coc
                    })
                    .map(|v| v["value"].as_str().unwrap().parse::<f64>().unwrap())
            };
            assert_eq!(value_of("C0000000000"), Some(*trained), "{period}, facility {facility}");
            let by_sex = value_of("C0000000001").unwrap_or(0.0) + value_of("C0000000002").unwrap_or(0.0);
            assert_eq!(by_sex, *trained, "women and men add up to the total, {period}");
        }
    }

    // A period without training: a valid, empty set.
    let out = store.file("2018.json");
    store.ok(&["export", "dhis2-json", "--mapping", &path, "--period", "2018", "--out", &out]);
    let set: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(set["dataValues"].as_array().unwrap().len(), 0);
}

#[test]
fn adx_is_well_formed_with_adx_periods_and_category_attributes() {
    let store = demo();
    let mapping = filled_mapping(&store);
    let path = write_mapping(&store, &mapping);
    for (period, adx_period) in [
        ("201903", "2019-03-01/P1M"),
        ("2019Q1", "2019-01-01/P3M"),
        ("2019S1", "2019-01-01/P6M"),
        ("2019", "2019-01-01/P1Y"),
    ] {
        let out = store.file(&format!("{period}.xml"));
        store.ok(&["export", "adx", "--mapping", &path, "--period", period, "--out", &out]);
        let text = std::fs::read_to_string(&out).unwrap();
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "adx");
        assert_eq!(root.tag_name().namespace(), Some("urn:ihe:qrph:adx:2015"));
        assert!(root.attribute("exported").is_some_and(|e| e.ends_with('Z')));
        let groups: Vec<_> = root.children().filter(|n| n.is_element()).collect();
        assert!(!groups.is_empty());
        let mut female = 0;
        for group in &groups {
            assert_eq!(group.tag_name().name(), "group");
            assert_eq!(group.attribute("period"), Some(adx_period));
            assert_eq!(group.attribute("dataSet"), Some("DSbinome001"));
            assert!(group.attribute("orgUnit").is_some_and(|o| o.len() == 11));
            for value in group.children().filter(|n| n.is_element()) {
                assert_eq!(value.tag_name().name(), "dataValue");
                assert!(value.attribute("dataElement").is_some_and(|d| d.starts_with('D')));
                assert!(value.attribute("value").unwrap().parse::<f64>().is_ok());
                if value.attribute("SEX") == Some("FEMALE") {
                    female += 1;
                }
            }
        }
        assert!(female > 0, "sex disaggregations are category attributes ({period})");
    }
}

/// A small stand-in for a DHIS2 server: it checks what DHIS2 checks on
/// `POST /api/dataValueSets` (sign-in, content type, known identifiers,
/// period and value formats) and answers with an import summary.
mod fake_dhis2 {
    use serde_json::{Value, json};
    use std::collections::HashSet;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;
    use std::sync::{Arc, Mutex};

    /// "admin:district", DHIS2's demo account.
    const CREDENTIALS: &str = "Basic YWRtaW46ZGlzdHJpY3Q=";

    #[derive(Debug, Clone)]
    pub struct Received {
        pub dry_run: bool,
        pub values: usize,
    }

    pub struct Server {
        pub url: String,
        pub received: Arc<Mutex<Vec<Received>>>,
    }

    pub fn start(known: HashSet<String>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = received.clone();
        std::thread::spawn(move || {
            let mut stored: HashSet<String> = HashSet::new();
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                reader.read_line(&mut request_line).unwrap();
                let mut headers = Vec::new();
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if line.trim().is_empty() {
                        break;
                    }
                    let (name, value) = line.split_once(':').unwrap();
                    headers.push((name.trim().to_lowercase(), value.trim().to_owned()));
                }
                let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
                let length: usize = header("content-length").and_then(|l| l.parse().ok()).unwrap_or(0);
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let (status, answer) = answer(&request_line, &header, &body, &known, &mut stored, &log);
                let text = answer.to_string();
                write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                    text.len()
                )
                .unwrap();
            }
        });
        Server { url, received }
    }

    fn answer(
        request_line: &str,
        header: &dyn Fn(&str) -> Option<String>,
        body: &[u8],
        known: &HashSet<String>,
        stored: &mut HashSet<String>,
        log: &Mutex<Vec<Received>>,
    ) -> (&'static str, Value) {
        let mut parts = request_line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
        if header("authorization").as_deref() != Some(CREDENTIALS) {
            return (
                "401 Unauthorized",
                json!({"httpStatus": "Unauthorized", "httpStatusCode": 401, "status": "ERROR"}),
            );
        }
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        if method != "POST" || path != "/api/dataValueSets" {
            return ("404 Not Found", json!({"httpStatusCode": 404, "status": "ERROR"}));
        }
        if !header("content-type").is_some_and(|c| c.starts_with("application/json")) {
            return ("415 Unsupported Media Type", json!({"httpStatusCode": 415, "status": "ERROR"}));
        }
        let dry_run = query.split('&').any(|p| p == "dryRun=true");
        let set: Value = serde_json::from_slice(body).expect("a JSON body");
        let values = set["dataValues"].as_array().cloned().unwrap_or_default();
        log.lock().unwrap().push(Received { dry_run, values: values.len() });
        let period_ok = |p: &str| binome_period(p);
        let (mut imported, mut updated, mut ignored, mut conflicts) = (0, 0, 0, Vec::new());
        for v in &values {
            let field = |name: &str| v[name].as_str().unwrap_or_default().to_owned();
            let unknown =
                ["dataElement", "orgUnit", "categoryOptionCombo"].into_iter().find(|f| !known.contains(&field(f)));
            if let Some(f) = unknown {
                ignored += 1;
                conflicts.push(json!({"object": field(f), "value": format!("{f} not found or not accessible")}));
            } else if !period_ok(&field("period")) || field("value").parse::<f64>().is_err() {
                ignored += 1;
                conflicts.push(json!({"object": field("dataElement"), "value": "Invalid period or value"}));
            } else {
                let key = format!(
                    "{}/{}/{}/{}",
                    field("dataElement"),
                    field("orgUnit"),
                    field("categoryOptionCombo"),
                    field("period")
                );
                if stored.contains(&key) {
                    updated += 1;
                } else {
                    imported += 1;
                    if !dry_run {
                        stored.insert(key);
                    }
                }
            }
        }
        let status = if conflicts.is_empty() { "SUCCESS" } else { "WARNING" };
        let summary = json!({
            "responseType": "ImportSummary",
            "status": status,
            "importCount": {"imported": imported, "updated": updated, "ignored": ignored, "deleted": 0},
            "conflicts": conflicts,
        });
        ("200 OK", json!({"httpStatus": "OK", "httpStatusCode": 200, "status": "OK", "response": summary}))
    }

    /// The period formats of dataValueSets: 202311, 2023Q4, 2023S2, 2023.
    fn binome_period(p: &str) -> bool {
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if let Some((y, n)) = p.split_once('Q').or_else(|| p.split_once('S')) {
            return y.len() == 4 && digits(y) && digits(n);
        }
        matches!(p.len(), 4 | 6) && digits(p)
    }
}

fn known_identifiers(mapping: &Value) -> std::collections::HashSet<String> {
    let mut known = std::collections::HashSet::new();
    for org in mapping["org_units"].as_array().unwrap() {
        known.insert(org["org_unit"].as_str().unwrap().to_owned());
    }
    for figure in mapping["figures"].as_array().unwrap() {
        known.insert(figure["data_element"].as_str().unwrap().to_owned());
        known.insert(figure["category_option_combo"].as_str().unwrap().to_owned());
    }
    known
}

#[test]
fn a_push_is_a_dry_run_first_and_imports_only_once_confirmed() {
    let store = demo();
    let mapping = filled_mapping(&store);
    let server = fake_dhis2::start(known_identifiers(&mapping));
    let path = write_mapping(&store, &mapping);
    let out = store.file("valeurs.json");
    let args = ["export", "dhis2-json", "--mapping", &path, "--period", "2019Q1", "--out", &out];
    let push = [&args[..], &["--push", &server.url, "--user", "admin"]].concat();

    // Refused at the prompt: only the dry run reached DHIS2.
    let output = store.cmd(&push).env("DHIS2_PASSWORD", "district").write_stdin("n\n").output().unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(said.contains("SUCCESS"), "DHIS2's status for the dry run: {said}");
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let count = written["dataValues"].as_array().unwrap().len();
    assert!(said.contains(&count.to_string()), "the dry run counts every value: {said}");
    {
        let received = server.received.lock().unwrap();
        assert_eq!(received.len(), 1);
        assert!(received[0].dry_run);
        assert_eq!(received[0].values, count);
    }

    // Confirmed: the dry run, then the real import, as a script reads them.
    let scripted = [&["--json"][..], &push].concat();
    let output = store.cmd(&scripted).env("DHIS2_PASSWORD", "district").write_stdin("oui\n").output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let said: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    let pushed = &said["pushed"];
    assert_eq!(
        (&pushed["rehearsal"]["status"], &pushed["rehearsal"]["dry_run"], &pushed["rehearsal"]["imported"]),
        (&json!("SUCCESS"), &json!(true), &json!(count)),
        "the dry run's summary: {said}"
    );
    assert_eq!(
        (&pushed["imported"]["status"], &pushed["imported"]["dry_run"]),
        (&json!("SUCCESS"), &json!(false)),
        "then the import's: {said}"
    );
    let received = server.received.lock().unwrap().clone();
    assert_eq!(received.iter().map(|r| r.dry_run).collect::<Vec<_>>(), [true, true, false]);
}

#[test]
fn dhis2_s_conflicts_and_refusals_are_shown_plainly() {
    let store = demo();
    let mapping = filled_mapping(&store);
    let mut known = known_identifiers(&mapping);
    // This instance does not know the data element of persons trained.
    known.remove("D0000000000");
    let server = fake_dhis2::start(known);
    let path = write_mapping(&store, &mapping);
    let out = store.file("valeurs.json");
    let args = ["export", "dhis2-json", "--mapping", &path, "--period", "2019", "--out", &out, "--push", &server.url];

    let said = store
        .cmd(&[&args[..], &["--user", "admin", "--yes"]].concat())
        .env("DHIS2_PASSWORD", "district")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&said.stdout);
    assert!(
        text.contains("WARNING") && text.contains("D0000000000: dataElement not found"),
        "DHIS2's own words: {text}"
    );

    let refused =
        store.cmd(&[&args[..], &["--user", "admin"]].concat()).env("DHIS2_PASSWORD", "wrong").output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(error_code(&said), Some("dhis2-refused"), "{said}");
    assert!(said.contains("401"), "DHIS2's status: {said}");

    let no_password = store.cmd(&args).env_remove("DHIS2_PASSWORD").env_remove("DHIS2_TOKEN").output().unwrap();
    assert!(!no_password.status.success());
    assert!(String::from_utf8_lossy(&no_password.stderr).contains("DHIS2_PASSWORD"));

    let nobody = store.file("nothing");
    let unreachable = push_as_admin(&store, &path, &nobody, "http://127.0.0.1:9", &[]);
    assert_eq!(unreachable.status.code(), Some(1));
    assert_eq!(error_code(&String::from_utf8_lossy(&unreachable.stderr)), Some("dhis2-unreachable"));
    assert!(std::path::Path::new(&nobody).exists(), "the file is kept for a later import");
}

/// `export dhis2-json` of 2019 pushed to `server` as admin, with the password.
fn push_as_admin(store: &Store, mapping: &str, out: &str, server: &str, extra: &[&str]) -> std::process::Output {
    let mut args =
        vec!["export", "dhis2-json", "--mapping", mapping, "--period", "2019", "--out", out, "--push", server];
    args.extend(["--user", "admin"]);
    args.extend_from_slice(extra);
    store.cmd(&args).env("DHIS2_PASSWORD", "district").output().unwrap()
}

#[test]
fn a_password_is_never_sent_to_a_clear_text_address_on_the_network() {
    let store = demo();
    let mapping = filled_mapping(&store);
    let path = write_mapping(&store, &mapping);
    let out = store.file("valeurs.json");
    for server in ["http://dhis2.sante.example.td", "http://192.0.2.10:8080", "dhis2.sante.example.td"] {
        let said = push_as_admin(&store, &path, &out, server, &["--yes"]);
        let err = String::from_utf8_lossy(&said.stderr);
        assert_eq!(said.status.code(), Some(1), "{server}: {err}");
        assert_eq!(error_code(&err), Some("dhis2-insecure-server"), "refused before any connection: {err}");
        assert!(err.contains(server), "the address refused is named: {err}");
        assert!(std::path::Path::new(&out).exists(), "the file is written, to send later");
    }
}
