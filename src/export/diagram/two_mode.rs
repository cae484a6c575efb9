//! The diagram of the two-mode graph: actors and projects, initiator edges bold and directed,
//! direct ties dashed, the findings marked.

use super::dot::*;
use crate::graph::TwoMode;
use crate::model::{ActorId, Ecosystem, ProjectId, Role};
use graphviz_rust::dot_structures::Graph;
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// Builds the DOT graph of the ecosystem's two-mode graph.
pub fn build(eco: &Ecosystem, graph: &TwoMode, opt: &DotOptions) -> Graph {
    let mut stmts = header(eco, opt);
    let n_actors = graph.n_actors();
    let drawn = |node: usize| opt.keep.as_ref().is_none_or(|k| k[node]);
    let mut clusters = Clusters::new(opt.cluster);
    let marks = opt.highlights.clone().unwrap_or_default();
    for (i, a) in eco.actors.iter().enumerate() {
        if !drawn(i) {
            continue;
        }
        let id = ActorId(i as u32);
        let tooltip = if a.kind.is_empty() {
            a.sector.to_string()
        } else {
            format!("{} · {}", a.sector, a.kind)
        };
        let name = opt.name(&a.name);
        let label = if marks.top_brokers.contains(&id) {
            format!("★ {name}")
        } else {
            name.into_owned()
        };
        let mut attrs = vec![attr("label", if opt.labels { &label } else { "" })];
        attrs.extend(sector_attrs(opt.theme, a.sector));
        attrs.push(attr("tooltip", &tooltip));
        let community = opt.communities.as_ref().and_then(|c| c.of_node[i]);
        if marks.cut_points.contains(&id) {
            attrs.push(attr("penwidth", "4"));
        } else if community.is_some() {
            attrs.push(attr("penwidth", community_pen(opt.theme)));
        }
        if let Some(k) = community {
            attrs.extend(community_attrs(opt.theme, k, true));
        }
        if let Some(sizes) = &opt.sizes {
            attrs.extend(size_attrs(sizes[i], opt.labels));
        }
        let cluster = (opt.cluster == Cluster::Sector).then(|| a.sector.as_str());
        clusters.push(cluster, node(&actor_node_id(&a.id), attrs), &mut stmts);
    }
    for (j, p) in eco.projects.iter().enumerate() {
        if !drawn(n_actors + j) {
            continue;
        }
        let name = opt.name(&p.name);
        let label = if opt.labels {
            format!("{name}\n({})", p.dimensions)
        } else {
            String::new()
        };
        let mut attrs = vec![
            attr("label", &label),
            attr("shape", "box"),
            attr("fillcolor", "#FFFFFF"),
        ];
        if !opt.labels {
            attrs.push(attr("tooltip", &name));
        }
        if let Some(sizes) = &opt.sizes {
            attrs.extend(size_attrs(sizes[n_actors + j], opt.labels));
        }
        let community = opt
            .communities
            .as_ref()
            .and_then(|c| c.of_node[n_actors + j]);
        let without_academia = marks.no_academia.contains(&ProjectId(j as u32));
        if without_academia {
            attrs.push(attr("style", "rounded,filled,dashed"));
            attrs.push(attr("color", opt.theme.finding_colour()));
            attrs.push(attr("penwidth", "2.5"));
        } else {
            attrs.push(attr("style", "rounded,filled,bold"));
        }
        if let Some(k) = community {
            // The finding's colour stays on a project without academia; the tag says the
            // community.
            if !without_academia {
                attrs.push(attr("penwidth", community_pen(opt.theme)));
            }
            attrs.extend(community_attrs(opt.theme, k, !without_academia));
        }
        let cluster = (opt.cluster == Cluster::Dimension).then(|| p.dimensions.main().as_str());
        clusters.push(cluster, node(&project_node_id(&p.id), attrs), &mut stmts);
    }
    clusters.finish(&mut stmts);

    let g = graph.graph();
    let mut edges: Vec<_> = g
        .edge_indices()
        .map(|e| {
            let (a, p) = g.edge_endpoints(e).expect("edge exists");
            (
                a.index(),
                p.index(),
                *g.edge_weight(e).expect("edge exists"),
            )
        })
        .collect();
    edges.sort_unstable_by_key(|(a, p, _)| (*p, *a));
    edges.retain(|(a, p, _)| drawn(*a) && drawn(*p));
    for (a, p, link) in edges {
        let actor = &eco.actors[a];
        let project = &eco.projects[p - graph.n_actors()];
        let roles: Vec<&str> = link.roles.iter().map(Role::as_str).collect();
        let mut attrs = vec![
            attr("penwidth", &pen_width(link.weight)),
            attr(
                "tooltip",
                &format!(
                    "{} → {}: {} (weight {})",
                    opt.name(&actor.name),
                    opt.name(&project.name),
                    roles.join(", "),
                    link.weight
                ),
            ),
        ];
        if link.roles.contains(Role::Initiator) {
            attrs.push(attr("style", "bold"));
            attrs.push(attr("color", "#000000"));
            attrs.push(attr("arrowhead", "normal"));
        } else {
            attrs.push(attr("dir", "none"));
        }
        stmts.push(edge(
            &actor_node_id(&actor.id),
            &project_node_id(&project.id),
            attrs,
        ));
    }

    for t in &eco.ties {
        if !drawn(t.from.index()) || !drawn(t.to.index()) {
            continue;
        }
        let mut attrs = vec![
            attr("style", "dashed"),
            attr("color", "#666666"),
            attr("label", t.kind.as_str()),
            attr("fontsize", "8"),
            attr("penwidth", &pen_width(f64::from(t.weight))),
            attr("constraint", "false"),
        ];
        if !t.kind.is_directed() {
            attrs.push(attr("dir", "none"));
        }
        stmts.push(edge(
            &actor_node_id(&eco.actor(t.from).id),
            &actor_node_id(&eco.actor(t.to).id),
            attrs,
        ));
    }

    Graph::DiGraph {
        id: quoted("helixgraph"),
        strict: false,
        stmts,
    }
}

/// The DOT text of the ecosystem's two-mode graph.
pub fn to_dot(eco: &Ecosystem, graph: &TwoMode, opt: &DotOptions) -> String {
    let mut text = build(eco, graph, opt).print(&mut PrinterContext::default());
    text.push('\n');
    text
}
