//! Demo data: deterministic for a seed, valid by the same rules as typed
//! input, refused on a store that already holds data.

use crate::support::Store;
use serde_json::Value;

/// Records without device-local bookkeeping, comparable across stores.
fn contents(store: &Store, kind: &str) -> Vec<(String, Value)> {
    let mut rows: Vec<(String, Value)> = store
        .json(&[kind, "list", "--limit", "100000"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_owned(), r["data"].clone()))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

#[test]
fn the_same_seed_gives_the_same_records() {
    let (one, two, other) = (Store::new(), Store::new(), Store::new());
    one.ok(&["demo", "--seed", "7", "--scale", "mission"]);
    two.ok(&["demo", "--seed", "7", "--scale", "mission"]);
    other.ok(&["demo", "--seed", "8", "--scale", "mission"]);
    for kind in ["persons", "missions", "sessions", "attendance", "scores", "assessments"] {
        assert_eq!(contents(&one, kind), contents(&two, kind), "{kind} differ for the same seed");
    }
    assert_ne!(contents(&one, "persons"), contents(&other, "persons"));
}

#[test]
fn a_mission_scale_demo_has_the_sizes_of_one_mission() {
    let store = Store::new();
    let summary = store.json(&["demo", "--seed", "1", "--scale", "mission"]);
    assert_eq!(summary["missions"], 1);
    assert_eq!(summary["sessions"], 12);
    let persons = summary["persons"].as_u64().unwrap();
    assert!((30..=60).contains(&persons), "{persons} persons");
    assert_eq!(summary["attendance"], 12 * 30);
    let t = &store.json(&["indicators"])["total"];
    assert_eq!(t["sessions"], 12);
    assert!(t["persons_trained"].as_u64().unwrap() > 20);
    assert!(t["gain_points"].as_f64().unwrap() > 0.0, "post-tests beat pre-tests");
    assert!(t["competency_pairs"].as_u64().unwrap() > 0);
    assert_eq!(store.json(&["check"]), serde_json::json!([]), "no record points at one that is missing");
}

#[test]
fn demo_data_goes_into_an_empty_store_only() {
    let store = Store::new();
    store.ok(&["demo", "--scale", "mission"]);
    store.refused(&["demo", "--scale", "mission"], 1, "demo-not-empty");
}

#[test]
fn programme_scale_demo_shows_indicators_by_cadre() {
    let store = Store::new();
    store.ok(&["demo", "--scale", "programme"]);
    let report = store.json(&["indicators", "--by", "cadre"]);
    let cadres: Vec<&str> = report["groups"].as_array().unwrap().iter().map(|g| g["key"].as_str().unwrap()).collect();
    assert!(cadres.contains(&"sage_femme") && cadres.contains(&"technicien_biomedical"), "{cadres:?}");
    assert_eq!(report["total"]["missions"], 90);
    let pairs = store.json(&["persons", "duplicates"]);
    assert!(!pairs.as_array().unwrap().is_empty(), "the demo has a few people registered twice");
}

#[test]
fn the_same_seed_gives_the_same_ids_on_an_expert_s_and_a_coordinator_s_laptop() {
    let coordinator = Store::named("c", "C", "coordinator");
    let expert = Store::named("e", "E", "expert");
    coordinator.ok(&["demo", "--seed", "5", "--scale", "mission"]);
    expert.ok(&["demo", "--seed", "5", "--scale", "mission"]);
    for kind in ["persons", "missions", "sessions", "attendance"] {
        assert_eq!(contents(&coordinator, kind), contents(&expert, kind), "{kind}");
    }
    assert!(contents(&expert, "reviews").is_empty(), "reviews are a referent's, not written on an expert's laptop");
    assert!(!contents(&coordinator, "reviews").is_empty());
}
