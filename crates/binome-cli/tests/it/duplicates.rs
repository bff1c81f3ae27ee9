//! Probable duplicates are suggested, never merged automatically; a merge
//! is a record, and afterwards the person counts once.

use crate::support::{Store, french, import_participants, mission};
use serde_json::{Value, json};

#[test]
fn transliteration_variants_are_suggested_and_merged() {
    let store = Store::new();
    let m = mission(&store);
    import_participants(&store, &m);
    // The same midwife registered on another laptop, spelt differently.
    let path = store.dir.path().join("autre-portable.csv");
    std::fs::write(&path, "Nom;Prénom;Téléphone\r\nMAHAMMAT;Zenaba;\r\nKOSSI;Ruth;66 22 33 44\r\n").unwrap();
    let report = store.json(&["import", "participants", path.to_str().unwrap()]);
    let pointed: Vec<&Value> = report["duplicates"].as_array().unwrap().iter().map(|p| &p["reasons"]).collect();
    assert_eq!(pointed, [&json!(["name"]), &json!(["phone"])], "the import points at both: {report}");

    let pairs = store.json(&["persons", "duplicates"]);
    let pairs = pairs.as_array().unwrap();
    let names: Vec<(String, String, Vec<String>)> = pairs
        .iter()
        .map(|p| {
            let mut two = [
                p["first"]["family_name"].as_str().unwrap().to_owned(),
                p["second"]["family_name"].as_str().unwrap().to_owned(),
            ];
            two.sort();
            (
                two[0].clone(),
                two[1].clone(),
                p["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_owned()).collect(),
            )
        })
        .collect();
    assert!(names.contains(&("MAHAMAT".into(), "MAHAMMAT".into(), vec!["name".into()])), "{names:?}");
    assert!(names.contains(&("KOSSI".into(), "NGARMBAYE".into(), vec!["phone".into()])), "{names:?}");
    assert_eq!(store.count("persons"), 6, "nothing merged by itself");

    let pair = pairs.iter().find(|p| p["reasons"][0] == "name").unwrap();
    let (keep, other) = if pair["first"]["family_name"] == "MAHAMAT" {
        (&pair["first"]["id"], &pair["second"]["id"])
    } else {
        (&pair["second"]["id"], &pair["first"]["id"])
    };
    let out =
        store.ok(&["persons", "merge", keep.as_str().unwrap(), other.as_str().unwrap(), "--reason", "même sage-femme"]);
    assert_eq!(out.trim(), french("cli-merged", &[("merged", "MAHAMMAT Zenaba"), ("kept", "MAHAMAT Zénaba")]));
    let merges = store.json(&["merges", "list"]);
    assert_eq!(merges[0]["data"]["kept_id"], *keep);
    assert_eq!(merges[0]["data"]["merged_id"], *other);
    assert_eq!(store.count("persons"), 6, "both records remain: who was who is kept");
    let remaining = store.json(&["persons", "duplicates"]);
    assert!(remaining.as_array().unwrap().iter().all(|p| p["reasons"][0] != "name"), "the merged pair is settled");
    store.refused(
        &["persons", "merge", keep.as_str().unwrap(), other.as_str().unwrap()],
        1,
        "invalid (merged_id=already_merged)",
    );
}
