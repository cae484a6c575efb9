//! One-mode views of an ecosystem (BRIEF.md §3), as labelled edge lists ready for the metric
//! kernels: the actor projection, the project projection and the directed initiative graph.
//!
//! Projections are built per node with a sparse accumulator (a dense scratch row and the list
//! of touched entries), so the cost is Σ_p n_p² over projects and the memory is O(n) plus the
//! output; rows are computed in parallel and concatenated in node order, so the result does not
//! depend on the thread count.

use super::projection::*;
use super::two_mode::{Node, TwoMode};
pub use super::view_kind::{Pruned, ViewKind, ViewOptions, Weighting};
use crate::model::{ActorId, Ecosystem, ProjectId, Role};

/// A one-mode (or two-mode) view: nodes of the ecosystem and weighted edges between them.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// Which view.
    pub kind: ViewKind,
    /// The ecosystem node behind each view node index.
    pub nodes: Vec<Node>,
    /// Edges `(u, v, weight)` with `u < v` for undirected views, sorted.
    pub edges: Vec<(u32, u32, f64)>,
    /// Whether edges are directed.
    pub directed: bool,
    /// What pruning removed (projections only).
    pub pruned: Pruned,
}

impl View {
    /// The two-mode view: actors `0..n_A`, then projects; weight = link weight (1–5), or 1
    /// with [`Weighting::None`].
    pub fn two_mode(graph: &TwoMode, weighting: Weighting) -> View {
        let g = graph.graph();
        let mut edges: Vec<(u32, u32, f64)> = g
            .edge_indices()
            .map(|e| {
                let (a, p) = g.edge_endpoints(e).expect("edge exists");
                let w = g.edge_weight(e).expect("edge exists").weight;
                (a.index() as u32, p.index() as u32, w)
            })
            .collect();
        edges.sort_by_key(|e| (e.0, e.1));
        flatten(&mut edges, weighting);
        View {
            kind: ViewKind::TwoMode,
            nodes: two_mode_nodes(graph),
            edges,
            directed: false,
            pruned: Pruned::default(),
        }
    }

    /// The actor projection: actors linked by shared projects, plus direct ties (any kind,
    /// direction ignored), weighted per `opt.weighting` (a tie of weight w adds w under both
    /// count and Newman, see [`Weighting`]; two ties between one pair add both), then pruned.
    ///
    /// With `top_k`, the projection is never materialised (memory O(n·k), see
    /// [`project_top_k`]), so it scales to ecosystems whose projection would hold billions of
    /// pairs.
    pub fn actors(eco: &Ecosystem, graph: &TwoMode, opt: &ViewOptions) -> View {
        let inc = Incidence::of(graph);
        let (mut edges, pruned) = if let Some(k) = opt.top_k {
            let mut extra = vec![Vec::new(); eco.actors.len()];
            for t in &eco.ties {
                let w = f64::from(t.weight);
                extra[t.from.index()].push((t.to.0, w));
                extra[t.to.index()].push((t.from.0, w));
            }
            project_top_k(
                &inc.memberships,
                &inc.members,
                &extra,
                opt.weighting,
                opt.min_weight,
                k,
                GIANT_HUB,
                ROW_TABLE_MIN_NODES,
            )
        } else {
            let edges = project(&inc.memberships, &inc.members, contribution(opt.weighting));
            let ties = eco
                .ties
                .iter()
                .map(|t| {
                    let (a, b) = (t.from.0.min(t.to.0), t.from.0.max(t.to.0));
                    (a, b, f64::from(t.weight))
                })
                .collect();
            prune(merge_edges(edges, ties), eco.actors.len(), opt)
        };
        flatten(&mut edges, opt.weighting);
        View {
            kind: ViewKind::Actors,
            nodes: (0..eco.actors.len())
                .map(|i| Node::Actor(ActorId(i as u32)))
                .collect(),
            edges,
            directed: false,
            pruned,
        }
    }

    /// [`View::actors`] after predicting its size ([`ProjectionSize`]): refused past
    /// `max_pairs` pairs when built whole, or past [`MAX_STREAMED_UPDATES`] with `top_k`.
    ///
    /// # Errors
    /// [`ViewError`] when the projection is past its limit; nothing is built then.
    pub fn try_actors(
        eco: &Ecosystem,
        graph: &TwoMode,
        opt: &ViewOptions,
        max_pairs: u64,
    ) -> Result<View, ViewError> {
        if let Some(size) = ProjectionSize::predict(eco, graph, ViewKind::Actors) {
            size.check(ViewKind::Actors, opt.top_k, max_pairs)?;
        }
        Ok(View::actors(eco, graph, opt))
    }

    /// [`View::projects`] after predicting its size, as [`View::try_actors`].
    ///
    /// # Errors
    /// [`ViewError`] when the projection is past its limit; nothing is built then.
    pub fn try_projects(
        eco: &Ecosystem,
        graph: &TwoMode,
        opt: &ViewOptions,
        max_pairs: u64,
    ) -> Result<View, ViewError> {
        if let Some(size) = ProjectionSize::predict(eco, graph, ViewKind::Projects) {
            size.check(ViewKind::Projects, opt.top_k, max_pairs)?;
        }
        Ok(View::projects(graph, opt))
    }

    /// The project projection: projects linked by shared actors, weighted per
    /// `opt.weighting` (Newman: Σ over shared actors a of 1/(k_a − 1), k_a the actor's number
    /// of projects), then pruned.
    pub fn projects(graph: &TwoMode, opt: &ViewOptions) -> View {
        let inc = Incidence::of(graph);
        let (mut edges, pruned) = match opt.top_k {
            Some(k) => project_top_k(
                &inc.members,
                &inc.memberships,
                &[],
                opt.weighting,
                opt.min_weight,
                k,
                GIANT_HUB,
                ROW_TABLE_MIN_NODES,
            ),
            None => {
                let edges = project(&inc.members, &inc.memberships, contribution(opt.weighting));
                prune(edges, graph.n_projects(), opt)
            }
        };
        flatten(&mut edges, opt.weighting);
        View {
            kind: ViewKind::Projects,
            nodes: (0..graph.n_projects())
                .map(|j| Node::Project(ProjectId(j as u32)))
                .collect(),
            edges,
            directed: false,
            pruned,
        }
    }

    /// The initiative graph (directed): each initiator → its project (weight: the link
    /// weight), and the project → each actor involved without initiating it. Nodes as in the
    /// two-mode view. A project without an initiator has only outgoing edges.
    pub fn initiative(graph: &TwoMode, weighting: Weighting) -> View {
        let n_actors = graph.n_actors() as u32;
        let g = graph.graph();
        let mut edges: Vec<(u32, u32, f64)> = g
            .edge_indices()
            .map(|e| {
                let (a, p) = g.edge_endpoints(e).expect("edge exists");
                let link = g.edge_weight(e).expect("edge exists");
                let (a, p) = (a.index() as u32, p.index() as u32);
                let w = link.weight;
                if link.roles.contains(Role::Initiator) {
                    (a, p, w)
                } else {
                    (p, a, w)
                }
            })
            .collect();
        debug_assert!(edges.iter().all(|e| (e.0 < n_actors) != (e.1 < n_actors)));
        // One edge per actor–project pair: the keys are distinct, so an unstable sort gives
        // the one order there is (without the stable sort's buffer).
        edges.sort_unstable_by_key(|e| (e.0, e.1));
        flatten(&mut edges, weighting);
        View {
            kind: ViewKind::Initiative,
            nodes: two_mode_nodes(graph),
            edges,
            directed: true,
            pruned: Pruned::default(),
        }
    }
}

/// The nodes of the two-mode graph in its order: the actors, then the projects (the two-mode
/// view's and the initiative graph's; the initiative graph once built the whole two-mode
/// view, 5M sorted edges at scale, for these).
fn two_mode_nodes(graph: &TwoMode) -> Vec<Node> {
    (0..graph.n_actors())
        .map(|i| Node::Actor(ActorId(i as u32)))
        .chain((0..graph.n_projects()).map(|j| Node::Project(ProjectId(j as u32))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::read_toml_str;

    /// Three actors: a and b share projects P (3 members) and Q (2 members); c is only on P.
    fn eco() -> Ecosystem {
        let mut t = String::new();
        for a in ["a", "b", "c"] {
            t += &format!("[[actor]]\nid = \"{a}\"\nname = \"{a}\"\nsector = \"civil\"\n");
        }
        for p in ["P", "Q"] {
            t += &format!("[[project]]\nid = \"{p}\"\nname = \"{p}\"\ndimension = \"living\"\n");
        }
        for (a, p, r) in [
            ("a", "P", "initiator"),
            ("b", "P", "partner"),
            ("c", "P", "user"),
            ("a", "Q", "partner"),
            ("b", "Q", "initiator"),
        ] {
            t += &format!(
                "[[involvement]]\nactor = \"{a}\"\nproject = \"{p}\"\nrole = \"{r}\"\nweight = 2\n"
            );
        }
        t += "[[tie]]\nfrom = \"c\"\nto = \"a\"\nkind = \"funds\"\n";
        read_toml_str(&t, "t.toml").unwrap()
    }

    #[test]
    fn actor_projection_weights_by_hand() {
        let eco = eco();
        let g = TwoMode::build(&eco);
        let count = View::actors(&eco, &g, &ViewOptions::default());
        // a–b share P and Q: 2; a–c share P, plus the tie (weight 1): 2; b–c share P: 1.
        assert_eq!(count.edges, vec![(0, 1, 2.0), (0, 2, 2.0), (1, 2, 1.0)]);
        let newman = View::actors(
            &eco,
            &g,
            &ViewOptions {
                weighting: Weighting::Newman,
                ..ViewOptions::default()
            },
        );
        // P has 3 members (1/2 each pair), Q has 2 (1); the tie adds 1.
        assert_eq!(newman.edges, vec![(0, 1, 1.5), (0, 2, 1.5), (1, 2, 0.5)]);
    }

    /// The predicted sizes, by hand on [`eco`]: actor view Σ C(n_p, 2) = C(3, 2) + C(2, 2)
    /// plus 1 tie = 5 pairs (the real projection has 3: a–b share two projects, a–c a project
    /// and the tie, so the bound counts them twice); updates Σ over actors of their projects'
    /// sizes = (3 + 2) + (3 + 2) + 3, plus 2 per tie = 15. Project view: Σ C(k_a, 2) =
    /// 1 + 1 + 0 = 2; updates = P's members' project counts (2 + 2 + 1) + Q's (2 + 2) = 9.
    #[test]
    fn projection_sizes_by_hand() {
        let eco = eco();
        let g = TwoMode::build(&eco);
        let actors = ProjectionSize::predict(&eco, &g, ViewKind::Actors).unwrap();
        assert_eq!(
            actors,
            ProjectionSize {
                pairs: 5,
                streamed_updates: 15
            }
        );
        assert_eq!(
            View::actors(&eco, &g, &ViewOptions::default()).edges.len(),
            3
        );
        let projects = ProjectionSize::predict(&eco, &g, ViewKind::Projects).unwrap();
        assert_eq!(
            projects,
            ProjectionSize {
                pairs: 2,
                streamed_updates: 9
            }
        );
        assert!(ProjectionSize::predict(&eco, &g, ViewKind::TwoMode).is_none());
        assert!(ProjectionSize::predict(&eco, &g, ViewKind::Initiative).is_none());

        assert!(actors.check(ViewKind::Actors, None, 5).is_ok());
        let refused = actors.check(ViewKind::Actors, None, 4).unwrap_err();
        assert_eq!(
            refused,
            ViewError::TooManyPairs {
                kind: ViewKind::Actors,
                pairs: 5,
                limit: 4
            }
        );
        assert!(refused.to_string().contains("up to 5 actor pairs"));
        assert!(View::try_actors(&eco, &g, &ViewOptions::default(), 4).is_err());
        assert!(View::try_projects(&eco, &g, &ViewOptions::default(), 1).is_err());
        // With top-k the pair count does not matter, the updates do.
        assert!(actors.check(ViewKind::Actors, Some(1), 0).is_ok());
        let heavy = ProjectionSize {
            pairs: 0,
            streamed_updates: MAX_STREAMED_UPDATES + 1,
        };
        assert!(matches!(
            heavy.check(ViewKind::Projects, Some(1), 0),
            Err(ViewError::TooMuchWork { .. })
        ));
    }

    /// One project of 2,000 actors: C(2000, 2) = 1,999,000 pairs, and no update for the
    /// streamed projection (every actor's one project is giant, counted not visited).
    #[test]
    fn a_giant_project_costs_no_updates() {
        let mut t = String::from("[[project]]\nid = \"P\"\nname = \"P\"\ndimension = \"living\"\n");
        for a in 0..2000 {
            t += &format!("[[actor]]\nid = \"a{a}\"\nname = \"A\"\nsector = \"civil\"\n");
            t += &format!(
                "[[involvement]]\nactor = \"a{a}\"\nproject = \"P\"\nrole = \"partner\"\n"
            );
        }
        let eco = read_toml_str(&t, "t.toml").unwrap();
        let g = TwoMode::build(&eco);
        let size = ProjectionSize::predict(&eco, &g, ViewKind::Actors).unwrap();
        assert_eq!(
            size,
            ProjectionSize {
                pairs: 1_999_000,
                streamed_updates: 0
            }
        );
    }

    /// Reference: each actor's and each project's distinct partners collected naively from
    /// the involvement rows (a set per node), against the flat incidence the projections
    /// read, on a `synth` ecosystem whose rows come in no order and repeat pairs.
    #[test]
    fn incidence_lists_every_pair_once_in_ascending_order() {
        let eco = crate::synth::generate(&crate::synth::SynthOptions {
            actors: 600,
            projects: 120,
            ..Default::default()
        });
        let g = TwoMode::build(&eco);
        let inc = Incidence::of(&g);
        let mut memberships = vec![std::collections::BTreeSet::new(); eco.actors.len()];
        let mut members = vec![std::collections::BTreeSet::new(); eco.projects.len()];
        for inv in &eco.involvements {
            memberships[inv.actor.index()].insert(inv.project.0);
            members[inv.project.index()].insert(inv.actor.0);
        }
        let naive = |sets: &[std::collections::BTreeSet<u32>]| -> Vec<Vec<u32>> {
            sets.iter().map(|s| s.iter().copied().collect()).collect()
        };
        let flat = |lists: &Lists| -> Vec<Vec<u32>> { lists.iter().map(<[u32]>::to_vec).collect() };
        assert_eq!(flat(&inc.memberships), naive(&memberships));
        assert_eq!(flat(&inc.members), naive(&members));
        assert_eq!(inc.memberships.len(), eco.actors.len());
        assert_eq!(inc.members.len(), eco.projects.len());
    }

    #[test]
    fn project_projection_and_pruning() {
        let eco = eco();
        let g = TwoMode::build(&eco);
        let v = View::projects(&g, &ViewOptions::default());
        assert_eq!(v.edges, vec![(0, 1, 2.0)]); // a and b on both
        let eco_v = View::actors(
            &eco,
            &g,
            &ViewOptions {
                min_weight: Some(2.0),
                ..ViewOptions::default()
            },
        );
        assert_eq!(eco_v.edges.len(), 2);
        assert_eq!(eco_v.pruned.by_min_weight, 1);
        let top1 = View::actors(
            &eco,
            &g,
            &ViewOptions {
                top_k: Some(1),
                ..ViewOptions::default()
            },
        );
        // a's strongest: b (2, lower index wins the tie with c); b's: a; c's: a.
        assert_eq!(top1.edges, vec![(0, 1, 2.0), (0, 2, 2.0)]);
        assert_eq!(top1.pruned.by_top_k, 1);
    }

    #[test]
    fn initiative_edges_run_from_initiators_through_projects() {
        let eco = eco();
        let g = TwoMode::build(&eco);
        let v = View::initiative(&g, Weighting::Count);
        // Nodes: a0 b1 c2 P3 Q4. a → P → b, c; b → Q → a.
        assert_eq!(
            v.edges,
            vec![
                (0, 3, 2.0),
                (1, 4, 2.0),
                (3, 1, 2.0),
                (3, 2, 2.0),
                (4, 0, 2.0)
            ]
        );
        assert!(v.directed);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// The streaming top-k projection equals materialising every pair and pruning.
        #[test]
        fn streaming_top_k_equals_materialised_pruning(
            links in proptest::collection::vec((0u32..12, 0u32..6), 1..60),
            ties in proptest::collection::vec((0u32..12, 0u32..12, 1u8..=5), 0..6),
            k in 1usize..5,
            min in proptest::option::of(0.2f64..2.5),
            newman in proptest::bool::ANY,
        ) {
            let mut t = String::new();
            for a in 0..12 {
                t += &format!("[[actor]]\nid = \"a{a}\"\nname = \"A\"\nsector = \"civil\"\n");
            }
            for p in 0..6 {
                t += &format!("[[project]]\nid = \"p{p}\"\nname = \"P\"\ndimension = \"living\"\n");
            }
            let mut seen = std::collections::BTreeSet::new();
            for (a, p) in links {
                if seen.insert((a, p)) {
                    t += &format!("[[involvement]]\nactor = \"a{a}\"\nproject = \"p{p}\"\nrole = \"partner\"\n");
                }
            }
            let mut tie_seen = std::collections::BTreeSet::new();
            for (a, b, w) in ties {
                if a != b && tie_seen.insert((a.min(b), a.max(b))) {
                    t += &format!("[[tie]]\nfrom = \"a{a}\"\nto = \"a{b}\"\nkind = \"collaborates\"\nweight = {w}\n");
                }
            }
            let eco = read_toml_str(&t, "t.toml").unwrap();
            let g = TwoMode::build(&eco);
            let weighting = if newman { Weighting::Newman } else { Weighting::Count };
            let opt = ViewOptions { weighting, min_weight: min, top_k: Some(k) };
            let inc = Incidence::of(&g);
            let full = project(&inc.memberships, &inc.members, contribution(weighting));
            let tie_edges = eco.ties.iter().map(|t| (t.from.0.min(t.to.0), t.from.0.max(t.to.0), f64::from(t.weight))).collect();
            let (expected, expected_pruned) = prune(merge_edges(full, tie_edges), eco.actors.len(), &opt);
            let streamed = View::actors(&eco, &g, &opt);
            proptest::prop_assert_eq!(&streamed.edges, &expected);
            proptest::prop_assert_eq!(streamed.pruned, expected_pruned);
            let projects = View::projects(&g, &opt);
            let full = project(&inc.members, &inc.memberships, contribution(weighting));
            let (expected, _) = prune(full, g.n_projects(), &opt);
            proptest::prop_assert_eq!(projects.edges, expected);
        }

        /// The giant-hub path (every hub larger than `giant` counts as giant here, so small
        /// ecosystems take it) gives bit for bit the materialised projection pruned: edges,
        /// weights (Newman's fractions added in the same order) and the pruning counts, on
        /// both sides of the incidence. Under count weighting the rows take the home-hub path
        /// (`rows_by_home_hub`, `giant` unused), checked the same way.
        #[test]
        fn the_giant_hub_path_equals_materialised_pruning(
            links in proptest::collection::vec((0u32..10, 0u32..4), 1..40),
            ties in proptest::collection::vec((0u32..10, 0u32..10, 1u8..=5), 0..6),
            k in 1usize..4,
            min in proptest::option::of(0.2f64..2.5),
            newman in proptest::bool::ANY,
            giant in 0usize..4,
            table_from in proptest::sample::select(vec![0usize, usize::MAX]),
        ) {
            let mut t = String::new();
            for a in 0..10 {
                t += &format!("[[actor]]\nid = \"a{a}\"\nname = \"A\"\nsector = \"civil\"\n");
            }
            for p in 0..4 {
                t += &format!("[[project]]\nid = \"p{p}\"\nname = \"P\"\ndimension = \"living\"\n");
            }
            let mut seen = std::collections::BTreeSet::new();
            for (a, p) in links {
                if seen.insert((a, p)) {
                    t += &format!("[[involvement]]\nactor = \"a{a}\"\nproject = \"p{p}\"\nrole = \"partner\"\n");
                }
            }
            let mut tie_seen = std::collections::BTreeSet::new();
            for (a, b, w) in ties {
                if a != b && tie_seen.insert((a.min(b), a.max(b))) {
                    t += &format!("[[tie]]\nfrom = \"a{a}\"\nto = \"a{b}\"\nkind = \"collaborates\"\nweight = {w}\n");
                }
            }
            let eco = read_toml_str(&t, "t.toml").unwrap();
            let g = TwoMode::build(&eco);
            let weighting = if newman { Weighting::Newman } else { Weighting::Count };
            let opt = ViewOptions { weighting, min_weight: min, top_k: Some(k) };
            let inc = Incidence::of(&g);
            let mut extra = vec![Vec::new(); eco.actors.len()];
            for t in &eco.ties {
                extra[t.from.index()].push((t.to.0, f64::from(t.weight)));
                extra[t.to.index()].push((t.from.0, f64::from(t.weight)));
            }
            let full = project(&inc.memberships, &inc.members, contribution(weighting));
            let tie_edges = eco.ties.iter().map(|t| (t.from.0.min(t.to.0), t.from.0.max(t.to.0), f64::from(t.weight))).collect();
            let expected = prune(merge_edges(full, tie_edges), eco.actors.len(), &opt);
            let got = project_top_k(&inc.memberships, &inc.members, &extra, weighting, min, k, giant, table_from);
            proptest::prop_assert_eq!(&got, &expected);
            let full = project(&inc.members, &inc.memberships, contribution(weighting));
            let expected = prune(full, g.n_projects(), &opt);
            let got = project_top_k(&inc.members, &inc.memberships, &[], weighting, min, k, giant, table_from);
            proptest::prop_assert_eq!(&got, &expected);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Reference: a naive double loop over actor pairs (shared projects counted from the
        /// involvement list, Newman's 1/(n_p − 1) summed, each tie's weight added), against
        /// the actor view with and without the streaming top-k path (k = n keeps all).
        #[test]
        fn actor_view_equals_a_naive_sum_with_weighted_ties(
            links in proptest::collection::vec((0u32..8, 0u32..5), 1..30),
            ties in proptest::collection::vec((0u32..8, 0u32..8, 1u8..=5, 0usize..3), 0..8),
            newman in proptest::bool::ANY,
        ) {
            let mut t = String::new();
            for a in 0..8 {
                t += &format!("[[actor]]\nid = \"a{a}\"\nname = \"A\"\nsector = \"civil\"\n");
            }
            for p in 0..5 {
                t += &format!("[[project]]\nid = \"p{p}\"\nname = \"P\"\ndimension = \"living\"\n");
            }
            let mut member = std::collections::BTreeSet::new();
            for (a, p) in links {
                if member.insert((a, p)) {
                    t += &format!("[[involvement]]\nactor = \"a{a}\"\nproject = \"p{p}\"\nrole = \"partner\"\n");
                }
            }
            let kinds = ["collaborates", "funds", "advises"];
            let mut tie_list = Vec::new();
            let mut seen = std::collections::BTreeSet::new();
            for (a, b, w, k) in ties {
                let key = if k == 0 { (a.min(b), a.max(b), k) } else { (a, b, k) };
                if a != b && seen.insert(key) {
                    t += &format!("[[tie]]\nfrom = \"a{a}\"\nto = \"a{b}\"\nkind = \"{}\"\nweight = {w}\n", kinds[k]);
                    tie_list.push((a, b, f64::from(w)));
                }
            }
            let eco = read_toml_str(&t, "t.toml").unwrap();
            let mut expected = Vec::new();
            for i in 0..8u32 {
                for j in i + 1..8 {
                    let mut w = 0.0;
                    for p in 0..5u32 {
                        if member.contains(&(i, p)) && member.contains(&(j, p)) {
                            let n_p = (0..8).filter(|&x| member.contains(&(x, p))).count();
                            w += if newman { 1.0 / (n_p as f64 - 1.0) } else { 1.0 };
                        }
                    }
                    for &(a, b, tw) in &tie_list {
                        if (a.min(b), a.max(b)) == (i, j) {
                            w += tw;
                        }
                    }
                    if w > 0.0 {
                        expected.push((i, j, w));
                    }
                }
            }
            let g = TwoMode::build(&eco);
            let weighting = if newman { Weighting::Newman } else { Weighting::Count };
            let close = |got: &[(u32, u32, f64)]| {
                got.len() == expected.len()
                    && got.iter().zip(&expected).all(|(x, y)| {
                        (x.0, x.1) == (y.0, y.1) && (x.2 - y.2).abs() < 1e-12
                    })
            };
            let full = View::actors(&eco, &g, &ViewOptions { weighting, ..ViewOptions::default() });
            proptest::prop_assert!(close(&full.edges), "{:?} vs {:?}", full.edges, expected);
            let streamed = View::actors(
                &eco,
                &g,
                &ViewOptions { weighting, top_k: Some(8), ..ViewOptions::default() },
            );
            proptest::prop_assert!(close(&streamed.edges), "{:?} vs {:?}", streamed.edges, expected);
        }
    }

    #[test]
    fn projection_does_not_depend_on_the_thread_count() {
        let eco = crate::io::default_case_study().unwrap();
        let g = TwoMode::build(&eco);
        let opt = ViewOptions {
            weighting: Weighting::Newman,
            ..ViewOptions::default()
        };
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let two = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let a = one.install(|| View::actors(&eco, &g, &opt));
        let b = two.install(|| View::actors(&eco, &g, &opt));
        assert_eq!(a, b);
    }
}
