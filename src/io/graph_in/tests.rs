//! Unit tests of the graph file reader.

use super::*;

fn read(text: &str, format: GraphFormat) -> Result<Ecosystem, Problems> {
    read_graph_str(text, "g", format, &Default::default())
}

/// NetworkX's layout: `bipartite` 0/1, no prefix, no role (participant), `weight` double.
#[test]
fn a_networkx_bipartite_graphml_reads() {
    let g = r#"<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="bipartite" attr.type="long"/>
  <key id="d1" for="node" attr.name="sector" attr.type="string"/>
  <key id="d2" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="undirected">
<node id="a"><data key="d0">0</data><data key="d1">academia</data></node>
<node id="p"><data key="d0">1</data></node>
<edge source="p" target="a"><data key="d2">3.0</data></edge>
  </graph>
</graphml>"#;
    let eco = read(g, GraphFormat::Graphml).unwrap();
    assert_eq!(eco.actors[0].sector, Sector::Academia);
    assert_eq!(eco.involvements[0].role, Role::Participant);
    assert_eq!(eco.involvements[0].weight, 3);
    assert_eq!(eco.projects[0].dimensions.main(), Dimension::Governance);
}

/// What python-igraph 0.11.8 writes for `Graph.Bipartite` with `name` and `sector`
/// (copied from its output): boolean `type`, names in `name`, `None` for a missing value.
#[test]
fn an_igraph_graphml_reads_with_its_names() {
    let g = r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<!-- Created by igraph -->
  <key id="v_type" for="node" attr.name="type" attr.type="boolean"/>
  <key id="v_name" for="node" attr.name="name" attr.type="string"/>
  <key id="v_sector" for="node" attr.name="sector" attr.type="string"/>
  <graph id="G" edgedefault="undirected">
<node id="n0"><data key="v_type">false</data><data key="v_name">uni</data><data key="v_sector">academia</data></node>
<node id="n1"><data key="v_type">false</data><data key="v_name">city</data><data key="v_sector">government</data></node>
<node id="n2"><data key="v_type">true</data><data key="v_name">lab</data><data key="v_sector">None</data></node>
<edge source="n0" target="n2"></edge>
<edge source="n1" target="n2"></edge>
  </graph>
</graphml>"#;
    let eco = read(g, GraphFormat::Graphml).unwrap();
    let names: Vec<&str> = eco.actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["uni", "city"]);
    assert_eq!(eco.projects[0].name, "lab");
    assert!(eco.projects[0].attributes.is_empty());
    assert_eq!(eco.involvements.len(), 2);
}

/// An edge between two actors is a direct tie (a Gephi stakeholder map's relations).
#[test]
fn actor_actor_edges_are_ties_and_project_project_edges_refused() {
    let g = |extra: &str| {
        format!(
            r#"<graphml><key id="t" for="node" attr.name="type"/><key id="s" for="node" attr.name="sector"/><key id="k" for="edge" attr.name="kind"/>
<graph><node id="a"><data key="t">actor</data><data key="s">civil</data></node>
<node id="b"><data key="t">actor</data><data key="s">industry</data></node>
<node id="p"><data key="t">project</data></node><node id="q"><data key="t">project</data></node>
<edge source="a" target="p"/><edge source="a" target="b"><data key="k">funds</data></edge>
<edge source="b" target="a"/>{extra}</graph></graphml>"#
        )
    };
    let eco = read(&g(""), GraphFormat::Graphml).unwrap();
    let ties: Vec<String> = eco.ties.iter().map(|t| t.kind.to_string()).collect();
    assert_eq!(ties, ["funds", "collaborates"]);
    assert!(eco.ties[1].provenance.assumption.is_some());
    let p = read(
        &g("\n<edge source=\"p\" target=\"q\"/>"),
        GraphFormat::Graphml,
    )
    .unwrap_err();
    assert_eq!(p.total(), 1, "{p}");
    assert_eq!(p.list[0].position.line, Some(7), "{p}");
}

#[test]
fn problems_name_the_element_line_and_attribute() {
    let g = "<gexf><graph><attributes class=\"node\"><attribute id=\"0\" title=\"type\"/>\
             <attribute id=\"1\" title=\"sector\"/></attributes><nodes>\n\
             <node id=\"a\"><attvalues><attvalue for=\"0\" value=\"actor\"/>\n\
             <attvalue for=\"1\" value=\"academy\"/></attvalues></node>\n\
             <node id=\"b\"><attvalues><attvalue for=\"0\" value=\"thing\"/></attvalues></node>\n\
             <node id=\"c\"/></nodes><edges>\n<edge source=\"a\" target=\"z\"/></edges></graph></gexf>";
    let p = read(g, GraphFormat::Gexf).unwrap_err();
    let shown: Vec<String> = p.list.iter().map(|p| p.to_string()).collect();
    assert_eq!(shown.len(), 4, "{shown:#?}");
    assert!(
        shown[0].starts_with("g:3:1: field `sector`: unknown value \"academy\""),
        "{shown:#?}"
    );
    assert!(shown[1].starts_with("g:4:25: field `type`"), "{shown:#?}");
    assert!(shown[2].starts_with("g:5:1: field `type`"), "{shown:#?}");
    assert!(
        shown[3].starts_with("g:6:1: field `target`: no node has id \"z\""),
        "{shown:#?}"
    );
    let p = read(
        "<graphml><graph><node id=\"a\"></graph></graphml>",
        GraphFormat::Graphml,
    )
    .unwrap_err();
    assert!(matches!(p.list[0].kind, ProblemKind::Syntax { .. }), "{p}");
}
