//! `helixgraph communities` output: a text report, a CSV table (a community per actor and
//! project) and a JSON document. Formatting only: everything is read from a
//! [`CommunityAnalysis`].

use crate::analysis::{Bridge, CommunityAnalysis, CommunityProfile, Placement};
use crate::diagnose::wording::{count, decimal, fixed, names, names_of};
use crate::export::data::metrics::neutralise_formula;
use crate::export::data::model::view_name;
use crate::export::report::table::{cell, more_line, shown, Align, Table};
use crate::graph::Node;
use crate::metrics::community::CommunityMethod;
use crate::model::{Ecosystem, Sector};
use serde_json::{json, Value};
use std::io::{self, Write};

/// Version of the JSON document's shape. 2: a bridge's `through` and `reached` lists stop at
/// [`BRIDGE_NODES_JSON`] members, with `through_count` and `reached_count` for all of them.
pub const COMMUNITIES_SCHEMA_VERSION: u32 = 2;

/// Members a bridge lists in JSON on each side, heaviest first: all the analysis keeps
/// ([`crate::analysis::BRIDGE_MEMBERS`]). Uncapped, the lists made 126 MB of JSON for the
/// actor view of a 78,720-involvement ecosystem, and more memory than the machine had
/// (24 GB) at 1.25M.
pub const BRIDGE_NODES_JSON: usize = crate::analysis::BRIDGE_MEMBERS;

/// How many names a text line lists before "and N more".
const NAMES_SHOWN: usize = 8;

/// A community's number as printed: 1 is the largest.
fn number(c: u32) -> u32 {
    c + 1
}

fn method_name(m: CommunityMethod) -> &'static str {
    match m {
        CommunityMethod::Leiden => "leiden",
        CommunityMethod::Louvain => "louvain",
    }
}

fn node_id(eco: &Ecosystem, n: Node) -> &str {
    match n {
        Node::Actor(a) => &eco.actor(a).id,
        Node::Project(p) => &eco.project(p).id,
    }
}

fn node_name(eco: &Ecosystem, n: Node) -> &str {
    match n {
        Node::Actor(a) => &eco.actor(a).name,
        Node::Project(p) => &eco.project(p).name,
    }
}

fn node_json(eco: &Ecosystem, n: Node, weight: f64) -> Value {
    json!({
        "id": node_id(eco, n),
        "name": node_name(eco, n),
        "type": match n { Node::Actor(_) => "actor", Node::Project(_) => "project" },
        "weight": weight,
    })
}

/// The rendered outputs of one analysis.
pub struct CommunitiesOutput<'a> {
    /// The ecosystem the nodes come from.
    pub eco: &'a Ecosystem,
    /// The communities.
    pub analysis: &'a CommunityAnalysis,
    /// How many communities the text report details, and how many bridges it lists per
    /// community (strongest first); `None`: all. The table, CSV and JSON are never capped
    /// by it except the table's rows. With k communities there can be k(k − 1)/2 bridges,
    /// so an uncapped text report grows with the square of k.
    pub rows: Option<usize>,
}

impl CommunitiesOutput<'_> {
    fn headline(&self) -> String {
        let a = self.analysis;
        let r = &a.request.communities;
        let mut runs = if r.restarts > 1 {
            format!(", best of {} runs", r.restarts)
        } else {
            String::new()
        };
        // Say when the default number of runs was cut, never silently.
        if a.request.restart_budget && r.restarts < crate::analysis::COMMUNITY_RESTARTS {
            runs.push_str(&format!(
                "{} (the default {} runs cut to a budget of {} edges over the runs; --restarts N runs more)",
                if r.restarts == 1 { ", one run" } else { "" },
                crate::analysis::COMMUNITY_RESTARTS,
                crate::numbers::group(crate::analysis::COMMUNITY_RESTART_BUDGET as u64)
            ));
        }
        format!(
            "Communities of the {} view: {}, {} modularity, resolution {}, seed {}{runs}",
            view_name(a.view.kind),
            method_name(r.method),
            match a.null_model {
                "barber" => "Barber's bipartite",
                _ => "Newman's",
            },
            r.resolution,
            r.seed,
        )
    }

    fn composition(&self, p: &CommunityProfile) -> String {
        let parts: Vec<String> = Sector::ALL
            .iter()
            .filter(|s| p.sectors[s.index()] > 0)
            .map(|s| format!("{} {}", s.as_str(), p.sectors[s.index()]))
            .collect();
        if parts.is_empty() {
            "no actors".to_string()
        } else {
            parts.join(", ")
        }
    }

    fn bridge_line(&self, b: &Bridge) -> String {
        let line = format!(
            "to {}: {}, weight {}",
            number(b.other),
            count(b.edges, "edge", "edges"),
            decimal(b.weight, 2),
        );
        match &b.members {
            Some(m) => {
                let through: Vec<String> = m
                    .through
                    .iter()
                    .map(|(n, _)| cell(node_name(self.eco, *n)))
                    .collect();
                format!(
                    "{line}, through {}",
                    names_of(&through, m.through_count, NAMES_SHOWN)
                )
            }
            None => line,
        }
    }

    /// The text report: the headline, a table of communities, then each community's members
    /// and bridges.
    pub fn render_table(&self) -> String {
        let a = self.analysis;
        let watched = a.request.watched.as_str();
        let mut out = format!(
            "{}\nmodularity {}, {}\n\n",
            self.headline(),
            fixed(a.communities.modularity, 4),
            count(a.communities.count, "community", "communities")
        );
        let mut columns: Vec<(&str, Align)> = vec![
            ("community", Align::Right),
            ("actors", Align::Right),
            ("projects", Align::Right),
        ];
        columns.extend(Sector::ALL.iter().map(|s| (s.as_str(), Align::Right)));
        let absent = format!("no {watched}");
        columns.extend([
            ("diversity", Align::Right),
            (absent.as_str(), Align::Left),
            ("bridges", Align::Right),
        ]);
        let mut t = Table::new(&columns).of("community", "communities");
        for (c, p) in a.profiles.iter().enumerate() {
            let mut row = vec![
                number(c as u32).to_string(),
                p.actors.len().to_string(),
                p.projects.len().to_string(),
            ];
            row.extend(Sector::ALL.iter().map(|s| p.sectors[s.index()].to_string()));
            row.push(fixed(p.diversity, 3));
            row.push(if p.watched_absent { "yes" } else { "" }.to_string());
            row.push(p.bridges.len().to_string());
            t.row(row);
        }
        out.push_str(&t.render_rows(0, self.rows));
        let detailed = shown(a.profiles.len(), self.rows);
        for (c, p) in a.profiles.iter().enumerate().take(detailed) {
            out.push_str(&format!(
                "\ncommunity {}: {}, {}; {}; diversity {}\n",
                number(c as u32),
                count(p.actors.len(), "actor", "actors"),
                count(p.projects.len(), "project", "projects"),
                self.composition(p),
                fixed(p.diversity, 3)
            ));
            let actors: Vec<String> = p
                .actors
                .iter()
                .map(|&x| {
                    let actor = self.eco.actor(x);
                    format!("{} ({})", cell(&actor.name), actor.sector)
                })
                .collect();
            if !actors.is_empty() {
                out.push_str(&format!("  actors: {}\n", names(&actors, NAMES_SHOWN)));
            }
            let projects: Vec<String> = p
                .projects
                .iter()
                .map(|&x| cell(&self.eco.project(x).name))
                .collect();
            if !projects.is_empty() {
                out.push_str(&format!("  projects: {}\n", names(&projects, NAMES_SHOWN)));
            }
            if p.watched_absent {
                out.push_str(&format!("  no {watched} actor\n"));
            }
            // Strongest bridges first (by weight, then edges, then the other's number).
            let mut bridges: Vec<&Bridge> = p.bridges.iter().collect();
            bridges.sort_by(|x, y| {
                y.weight
                    .total_cmp(&x.weight)
                    .then(y.edges.cmp(&x.edges))
                    .then(x.other.cmp(&y.other))
            });
            let listed = shown(bridges.len(), self.rows);
            for b in &bridges[..listed] {
                out.push_str(&format!("  {}\n", self.bridge_line(b)));
            }
            if listed < bridges.len() {
                let hidden = bridges.len() - listed;
                let what = if hidden == 1 { "bridge" } else { "bridges" };
                out.push_str(&format!("  {}\n", more_line(hidden, what)));
            }
            if let Some(g) = p.gateway {
                out.push_str(&format!(
                    "  every link to the other communities goes through {}\n",
                    cell(&self.eco.actor(g).name)
                ));
            }
        }
        if detailed < a.profiles.len() {
            let hidden = a.profiles.len() - detailed;
            let what = if hidden == 1 {
                "community detailed"
            } else {
                "communities detailed"
            };
            out.push_str(&format!("\n{}\n", more_line(hidden, what)));
        }
        out
    }

    /// One row per actor and project: id, name, type, sector, community (1 = largest) and
    /// whether the view placed it or the majority of its partners did (the mode a projection
    /// leaves out). Text cells are neutralised against spreadsheet formulas.
    pub fn write_csv(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut out = csv::Writer::from_writer(w);
        out.write_record(["id", "name", "type", "sector", "community", "placed_by"])?;
        let placed = |c: Option<(u32, Placement)>| match c {
            Some((c, p)) => (
                number(c).to_string(),
                match p {
                    Placement::View => "view",
                    Placement::Majority => "majority",
                },
            ),
            None => (String::new(), ""),
        };
        for (i, actor) in self.eco.actors.iter().enumerate() {
            let (c, p) = placed(self.analysis.actor_community[i]);
            out.write_record([
                neutralise_formula(&actor.id).as_str(),
                &neutralise_formula(&actor.name),
                "actor",
                actor.sector.as_str(),
                &c,
                p,
            ])?;
        }
        for (i, project) in self.eco.projects.iter().enumerate() {
            let (c, p) = placed(self.analysis.project_community[i]);
            out.write_record([
                neutralise_formula(&project.id).as_str(),
                &neutralise_formula(&project.name),
                "project",
                "",
                &c,
                p,
            ])?;
        }
        out.flush()
    }

    /// Everything as one JSON document (`schema_version` 1).
    pub fn to_json(&self) -> Value {
        let a = self.analysis;
        let r = &a.request.communities;
        let eco = self.eco;
        let communities: Vec<Value> = a
            .profiles
            .iter()
            .enumerate()
            .map(|(c, p)| {
                let sectors: serde_json::Map<String, Value> = Sector::ALL
                    .iter()
                    .map(|s| (s.as_str().to_string(), json!(p.sectors[s.index()])))
                    .collect();
                json!({
                    "community": number(c as u32),
                    "actors": p.actors.iter().map(|&x| {
                        let actor = eco.actor(x);
                        json!({"id": actor.id, "name": actor.name, "sector": actor.sector.as_str()})
                    }).collect::<Vec<_>>(),
                    "projects": p.projects.iter().map(|&x| {
                        let project = eco.project(x);
                        json!({"id": project.id, "name": project.name})
                    }).collect::<Vec<_>>(),
                    "sectors": sectors,
                    "diversity": p.diversity,
                    "watched_absent": p.watched_absent,
                    "internal_weight": p.internal_weight,
                    "bridges": p.bridges.iter().map(|b| {
                        let mut bridge = json!({
                            "to": number(b.other),
                            "edges": b.edges,
                            "weight": b.weight,
                        });
                        if let Some(m) = &b.members {
                            bridge["through"] = m.through.iter().take(BRIDGE_NODES_JSON).map(|&(n, w)| node_json(eco, n, w)).collect();
                            bridge["through_count"] = m.through_count.into();
                            bridge["reached"] = m.reached.iter().take(BRIDGE_NODES_JSON).map(|&(n, w)| node_json(eco, n, w)).collect();
                            bridge["reached_count"] = m.reached_count.into();
                        }
                        bridge
                    }).collect::<Vec<_>>(),
                    "gateway": p.gateway.map(|g| json!({"id": eco.actor(g).id, "name": eco.actor(g).name})),
                })
            })
            .collect();
        json!({
            "schema_version": COMMUNITIES_SCHEMA_VERSION,
            "view": view_name(a.view.kind),
            "method": method_name(r.method),
            "null_model": a.null_model,
            "resolution": r.resolution,
            "seed": r.seed,
            "restarts": r.restarts,
            "watched_helix": a.request.watched.as_str(),
            "modularity": a.communities.modularity,
            "count": a.communities.count,
            "communities": communities,
        })
    }
}
