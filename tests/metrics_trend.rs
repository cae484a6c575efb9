//! The timeline's trend tests against statsmodels (`tests/fixtures/trend/make_trend.py`,
//! pinned in its requirements.txt): Cochran–Armitage against `test_ordinal_association`
//! (converted from its N − 1 variance to Cochran–Armitage's N), the two-proportion z test
//! against `proportions_ztest` and Cohen's h against `proportion_effectsize`.

mod util;

use helixgraph::metrics::{cochran_armitage, two_proportions, two_sided_p};
use util::{assert_close, EXACT};

fn fixture() -> serde_json::Value {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trend/trend.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn ints(v: &serde_json::Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap())
        .collect()
}

#[test]
fn cochran_armitage_matches_statsmodels() {
    let f = fixture();
    let cases = f["cochran_armitage"].as_array().unwrap();
    assert_eq!(cases.len(), 7);
    for case in cases {
        let scores: Vec<f64> = case["scores"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect();
        let (x, n) = (ints(&case["successes"]), ints(&case["trials"]));
        let groups: Vec<(f64, u64, u64)> = scores
            .iter()
            .zip(x.iter().zip(&n))
            .map(|(&t, (&x, &n))| (t, x, n))
            .collect();
        let big_n: u64 = n.iter().sum();
        let want_z = case["statsmodels_z"].as_f64().unwrap()
            * ((big_n as f64) / (big_n as f64 - 1.0)).sqrt();
        let got = cochran_armitage(&groups).unwrap();
        assert_close(&format!("CA z {case}"), got.z, want_z, EXACT);
        // The p-value rule on statsmodels' own z gives statsmodels' p.
        assert_close(
            "normal tail",
            two_sided_p(case["statsmodels_z"].as_f64().unwrap()),
            case["statsmodels_p"].as_f64().unwrap(),
            1e-12,
        );
    }
}

#[test]
fn two_proportions_match_statsmodels() {
    let f = fixture();
    for case in f["two_proportions"].as_array().unwrap() {
        let (a, b) = (ints(&case["first"]), ints(&case["last"]));
        let got = two_proportions((a[0], a[1]), (b[0], b[1])).unwrap();
        let t = got.test.unwrap();
        assert_close(
            &format!("z {case}"),
            t.z,
            case["z"].as_f64().unwrap(),
            EXACT,
        );
        assert_close("p", t.p_value, case["p"].as_f64().unwrap(), 1e-12);
        assert_close("h", got.cohen_h, case["cohen_h"].as_f64().unwrap(), EXACT);
    }
}
