//! McNemar's exact test and Holm's correction against statsmodels and scipy
//! (`tests/fixtures/paired/make_paired.py`, pinned in its requirements.txt): the exact p
//! against `mcnemar(table, exact=True)` and `scipy.stats.binomtest`, the mid-p against
//! `2·binom.cdf − binom.pmf`, Holm against `multipletests(p, method="holm")`.

mod util;

use helixgraph::metrics::{holm, mcnemar};
use util::{assert_close, EXACT};

fn fixture() -> serde_json::Value {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/paired/paired.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn mcnemar_matches_statsmodels_and_scipy() {
    let f = fixture();
    let cases = f["mcnemar"].as_array().unwrap();
    assert_eq!(cases.len(), 10);
    for case in cases {
        let t: Vec<u64> = case["table"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap())
            .collect();
        let got = mcnemar(t[1], t[2]);
        assert_eq!(
            t[1].min(t[2]) as f64,
            case["statistic"].as_f64().unwrap(),
            "{case}"
        );
        let what = format!("{case}");
        assert_close(&what, got.p_exact, case["p_exact"].as_f64().unwrap(), EXACT);
        assert_close(
            &what,
            got.p_exact,
            case["scipy_binomtest_p"].as_f64().unwrap(),
            EXACT,
        );
        assert_close(&what, got.p_mid, case["p_mid"].as_f64().unwrap(), EXACT);
        assert!(got.p_mid <= got.p_exact, "{case}");
    }
}

#[test]
fn holm_matches_statsmodels() {
    let f = fixture();
    let cases = f["holm"].as_array().unwrap();
    assert_eq!(cases.len(), 5);
    for case in cases {
        let p: Vec<Option<f64>> = case["p"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64())
            .collect();
        let got = holm(&p);
        for (g, w) in got.iter().zip(case["adjusted"].as_array().unwrap()) {
            assert_close(&format!("{case}"), g.unwrap(), w.as_f64().unwrap(), EXACT);
        }
    }
    // Untested entries stay out of the family: m counts only the tests run.
    let got = holm(&[None, Some(0.02), None, Some(0.03)]);
    assert_eq!(got[0], None);
    assert_eq!(got[2], None);
    assert_close("holm m = 2", got[1].unwrap(), 0.04, EXACT);
    assert_close("holm m = 2", got[3].unwrap(), 0.04, EXACT);
}

/// A large sample through the `lgamma` branch against the same tail summed in the product
/// branch's way, term by term in log space (a slow naive reference).
#[test]
fn mcnemar_large_samples_agree_with_a_log_space_sum() {
    for (b, c) in [(1500u64, 1620u64), (4000, 4003), (10, 2000)] {
        let n = b + c;
        let k = b.min(c);
        let ln_fact = |m: u64| (1..=m).map(|i| (i as f64).ln()).sum::<f64>();
        let ln_n = ln_fact(n);
        let mut tail = 0.0;
        for j in 0..=k {
            tail += (ln_n - ln_fact(j) - ln_fact(n - j) - n as f64 * std::f64::consts::LN_2).exp();
        }
        let got = mcnemar(b, c);
        assert_close(
            &format!("{b} {c}"),
            got.p_exact,
            (2.0 * tail).min(1.0),
            1e-8,
        );
    }
}
