//! The two-mode (bipartite) graph: actors and projects as nodes, one edge per actor–project
//! pair that the involvements connect.

use crate::model::{ActorId, Ecosystem, ProjectId, Role};
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;

/// A node of the two-mode graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    /// An actor.
    Actor(ActorId),
    /// A project.
    Project(ProjectId),
}

/// The set of roles an actor holds in one project (an actor may both initiate and fund).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct RoleSet(u8);

impl RoleSet {
    /// Adds a role.
    pub fn insert(&mut self, role: Role) {
        self.0 |= 1 << role.index();
    }

    /// Whether the set holds `role`.
    pub fn contains(self, role: Role) -> bool {
        self.0 & (1 << role.index()) != 0
    }

    /// The roles, in canonical order.
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.iter().copied().filter(move |r| self.contains(*r))
    }
}

/// An edge of the two-mode graph: every involvement of one actor in one project, merged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// The roles the actor holds in the project.
    pub roles: RoleSet,
    /// The strongest involvement weight among those rows, the intensity of the tie: the 1–5
    /// `weight`, or the scaled `--weight-from` value ([`Ecosystem::involvement_weight`]).
    /// Finite and > 0.
    pub weight: f64,
}

/// A connected component of the two-mode graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    /// Its actors, in id order of the input.
    pub actors: Vec<ActorId>,
    /// Its projects, in input order.
    pub projects: Vec<ProjectId>,
}

impl Component {
    /// Number of nodes.
    pub fn size(&self) -> usize {
        self.actors.len() + self.projects.len()
    }
}

/// The two-mode graph of an ecosystem. Node `i < n_actors` is actor `i`; node `n_actors + j`
/// is project `j`, so indices are dense and stable for the same input.
#[derive(Debug, Clone)]
pub struct TwoMode {
    graph: UnGraph<Node, Link, u32>,
    n_actors: usize,
    /// Edges per node, kept beside the graph: petgraph counts a node's edges by walking its
    /// edge list, and the diagnoses ask for every actor's project count (at 5M involvements
    /// those walks were seconds of the diagnose stage).
    degree: Vec<u32>,
    /// Each project's actors, ascending: project j's are
    /// `members[member_start[j]..member_start[j + 1]]`. Walking petgraph's edge list of a
    /// project and sorting it was a tenth of the candidates' time at 78k involvements; the
    /// analysis and the diagnoses list every project's actors several times.
    members: Vec<ActorId>,
    member_start: Vec<usize>,
}

impl TwoMode {
    /// Builds the graph: one edge per actor–project pair with at least one involvement.
    pub fn build(eco: &Ecosystem) -> Self {
        let n_actors = eco.actors.len();
        let n = n_actors + eco.projects.len();
        let mut graph = UnGraph::with_capacity(n, eco.involvements.len());
        for i in 0..n_actors {
            graph.add_node(Node::Actor(ActorId(i as u32)));
        }
        for j in 0..eco.projects.len() {
            graph.add_node(Node::Project(ProjectId(j as u32)));
        }
        // Merge involvements of the same pair: sort their keys, then one edge per run.
        let mut keys: Vec<(u32, u32, usize)> = eco
            .involvements
            .iter()
            .enumerate()
            .map(|(k, inv)| (inv.actor.0, inv.project.0, k))
            .collect();
        keys.sort_unstable();
        let mut degree = vec![0u32; n];
        let mut i = 0;
        while i < keys.len() {
            let (a, p, _) = keys[i];
            let mut link = Link {
                roles: RoleSet::default(),
                weight: 0.0,
            };
            while i < keys.len() && keys[i].0 == a && keys[i].1 == p {
                let k = keys[i].2;
                link.roles.insert(eco.involvements[k].role);
                link.weight = link.weight.max(eco.involvement_weight(k));
                i += 1;
            }
            graph.add_edge(
                NodeIndex::new(a as usize),
                NodeIndex::new(n_actors + p as usize),
                link,
            );
            degree[a as usize] += 1;
            degree[n_actors + p as usize] += 1;
        }
        // The keys run by actor, so placing each pair at its project's next slot lists every
        // project's actors in ascending order.
        let mut member_start = Vec::with_capacity(eco.projects.len() + 1);
        member_start.push(0);
        for d in &degree[n_actors..] {
            member_start.push(member_start.last().copied().unwrap_or(0) + *d as usize);
        }
        let mut next = member_start.clone();
        let mut members = vec![ActorId(0); member_start.last().copied().unwrap_or(0)];
        for run in keys.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
            let (a, p, _) = run[0];
            members[next[p as usize]] = ActorId(a);
            next[p as usize] += 1;
        }
        TwoMode {
            graph,
            n_actors,
            degree,
            members,
            member_start,
        }
    }

    /// The extra fields of each edge (by edge index), merging its involvement rows: per
    /// column of [`Ecosystem::involvement_attributes`] (sorted names), the distinct non-empty
    /// values of those rows in input order, joined by `;` (one row, or rows that agree, give
    /// the value itself); `None` when no row has one. Empty when the involvements have no
    /// extra fields.
    pub fn link_attributes(&self, eco: &Ecosystem) -> Vec<Vec<Option<String>>> {
        let table = &eco.involvement_attributes;
        if table.is_empty() {
            return Vec::new();
        }
        // The runs of `build`, in the same order: edge e is the e-th (actor, project) run.
        let mut keys: Vec<(u32, u32, u32)> = eco
            .involvements
            .iter()
            .zip(0u32..)
            .map(|(inv, k)| (inv.actor.0, inv.project.0, k))
            .collect();
        keys.sort_unstable();
        let mut out = Vec::with_capacity(self.edge_count());
        for run in keys.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
            let rows: Vec<usize> = run.iter().map(|&(_, _, row)| row as usize).collect();
            out.push(table.merged(&rows));
        }
        out
    }

    /// The underlying petgraph graph.
    pub fn graph(&self) -> &UnGraph<Node, Link, u32> {
        &self.graph
    }

    /// The node index of an actor.
    pub fn actor_node(&self, a: ActorId) -> NodeIndex<u32> {
        NodeIndex::new(a.index())
    }

    /// The node index of a project.
    pub fn project_node(&self, p: ProjectId) -> NodeIndex<u32> {
        NodeIndex::new(self.n_actors + p.index())
    }

    /// Number of actor nodes.
    pub fn n_actors(&self) -> usize {
        self.n_actors
    }

    /// Number of project nodes.
    pub fn n_projects(&self) -> usize {
        self.graph.node_count() - self.n_actors
    }

    /// Number of actor–project edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// How many entries [`Self::projects_of`] lists for `a`, without building the list.
    pub fn project_count(&self, a: ActorId) -> usize {
        self.degree[a.index()] as usize
    }

    /// Projects an actor takes part in, ascending.
    pub fn projects_of(&self, a: ActorId) -> Vec<ProjectId> {
        let mut ps: Vec<ProjectId> = self
            .graph
            .neighbors(self.actor_node(a))
            .map(|n| ProjectId((n.index() - self.n_actors) as u32))
            .collect();
        ps.sort_unstable();
        ps
    }

    /// How many entries [`Self::actors_of`] lists for `p`, without building the list.
    pub fn actor_count(&self, p: ProjectId) -> usize {
        self.degree[self.n_actors + p.index()] as usize
    }

    /// Actors involved in a project, ascending, nothing allocated.
    pub fn actors_in(&self, p: ProjectId) -> impl Iterator<Item = ActorId> + '_ {
        self.members(p).iter().copied()
    }

    /// Actors involved in a project, ascending.
    pub fn actors_of(&self, p: ProjectId) -> Vec<ActorId> {
        self.members(p).to_vec()
    }

    /// Actors involved in a project, ascending, without a copy.
    pub fn members(&self, p: ProjectId) -> &[ActorId] {
        &self.members[self.member_start[p.index()]..self.member_start[p.index() + 1]]
    }

    /// Two-mode density m / (n_A · n_P) (Borgatti & Everett 1997); 0 when a mode is empty.
    pub fn density(&self) -> f64 {
        let possible = self.n_actors() as f64 * self.n_projects() as f64;
        if possible == 0.0 {
            0.0
        } else {
            self.edge_count() as f64 / possible
        }
    }

    /// Connected components, largest first (ties: the one holding the lowest node first).
    pub fn components(&self) -> Vec<Component> {
        let n = self.graph.node_count();
        let mut uf = UnionFind::<u32>::new(n);
        for e in self.graph.edge_indices() {
            let (a, b) = self.graph.edge_endpoints(e).expect("edge exists");
            uf.union(a.index() as u32, b.index() as u32);
        }
        // Number components by their lowest node, in node order.
        let mut slot_of_root = vec![u32::MAX; n];
        let mut comps: Vec<Component> = Vec::new();
        for v in 0..n {
            let root = uf.find(v as u32) as usize;
            if slot_of_root[root] == u32::MAX {
                slot_of_root[root] = comps.len() as u32;
                comps.push(Component {
                    actors: Vec::new(),
                    projects: Vec::new(),
                });
            }
            let c = &mut comps[slot_of_root[root] as usize];
            if v < self.n_actors {
                c.actors.push(ActorId(v as u32));
            } else {
                c.projects.push(ProjectId((v - self.n_actors) as u32));
            }
        }
        // Stable sort keeps the lowest-node order among equal sizes.
        comps.sort_by_key(|c| std::cmp::Reverse(c.size()));
        comps
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::read_toml_str;
    use crate::synth::{generate, SynthOptions};

    /// Reference: petgraph's edge list of each project, sorted. `members` lists the same
    /// actors, each once, on synthetic ecosystems and on one where an actor holds two roles in
    /// a project (two involvements, one edge) and a project has no actor.
    #[test]
    fn members_are_the_sorted_neighbours_of_each_project() {
        let mut ecosystems: Vec<Ecosystem> = [1, 2, 3]
            .iter()
            .map(|&seed| {
                generate(&SynthOptions {
                    actors: 300,
                    projects: 60,
                    seed,
                    ..Default::default()
                })
            })
            .collect();
        let mut t = String::new();
        for a in ["a", "b", "c"] {
            t += &format!("[[actor]]\nid = \"{a}\"\nname = \"A\"\nsector = \"civil\"\n");
        }
        for p in ["p", "q", "r"] {
            t += &format!("[[project]]\nid = \"{p}\"\nname = \"P\"\ndimension = \"living\"\n");
        }
        for (a, p, role) in [
            ("c", "p", "initiator"),
            ("a", "p", "partner"),
            ("c", "p", "funder"),
            ("b", "r", "partner"),
        ] {
            t += &format!(
                "[[involvement]]\nactor = \"{a}\"\nproject = \"{p}\"\nrole = \"{role}\"\n"
            );
        }
        ecosystems.push(read_toml_str(&t, "t.toml").unwrap());
        for eco in &ecosystems {
            let g = TwoMode::build(eco);
            for p in 0..eco.projects.len() as u32 {
                let p = ProjectId(p);
                let mut expected: Vec<ActorId> = g
                    .graph()
                    .neighbors(g.project_node(p))
                    .map(|n| ActorId(n.index() as u32))
                    .collect();
                expected.sort_unstable();
                assert_eq!(g.members(p), expected.as_slice());
                assert_eq!(g.actors_in(p).collect::<Vec<_>>(), expected);
                assert_eq!(g.members(p).len(), g.actor_count(p));
            }
        }
        assert_eq!(ecosystems[3].projects.len(), 3);
        let g = TwoMode::build(&ecosystems[3]);
        assert_eq!(g.members(ProjectId(0)), &[ActorId(0), ActorId(2)]);
        assert!(g.members(ProjectId(1)).is_empty());
    }
}
