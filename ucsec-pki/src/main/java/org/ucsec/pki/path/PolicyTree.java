package org.ucsec.pki.path;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The valid_policy_tree of RFC 5280 6.1.2 (a), with the operations of 6.1.3 (d), 6.1.4 (b) and 6.1.5 (g). */
final class PolicyTree {
    static final String ANY = ValidationPolicy.ANY_POLICY;

    static final class Node {
        final String validPolicy;
        Set<String> expected;
        final Node parent;
        final List<Node> children = new ArrayList<>();
        final int depth;

        Node(String validPolicy, Set<String> expected, Node parent) {
            this.validPolicy = validPolicy;
            this.expected = expected;
            this.parent = parent;
            this.depth = parent == null ? 0 : parent.depth + 1;
            if (parent != null) parent.children.add(this);
        }
    }

    private Node root = new Node(ANY, Set.of(ANY), null);

    boolean isNull() { return root == null; }

    void setNull() { root = null; }

    List<Node> level(int depth) {
        List<Node> out = new ArrayList<>();
        if (root != null) collect(root, depth, out);
        return out;
    }

    private static void collect(Node n, int depth, List<Node> out) {
        if (n.depth == depth) { out.add(n); return; }
        for (Node c : n.children) collect(c, depth, out);
    }

    /** 6.1.3 (d) for certificate i with the given policy OIDs; {@code anyAllowed}: 6.1.3 (d)(2)'s condition. */
    void processCertificatePolicies(int i, List<String> policies, boolean anyAllowed) {
        List<Node> parents = level(i - 1);
        for (String p : policies) {
            if (p.equals(ANY)) continue;
            boolean matched = false;
            for (Node n : parents) {
                if (n.expected.contains(p)) { new Node(p, Set.of(p), n); matched = true; }
            }
            if (!matched) {
                for (Node n : parents) {
                    if (n.validPolicy.equals(ANY)) { new Node(p, Set.of(p), n); break; }
                }
            }
        }
        if (policies.contains(ANY) && anyAllowed) {
            for (Node n : parents) {
                Set<String> present = new HashSet<>();
                for (Node c : n.children) present.add(c.validPolicy);
                for (String e : n.expected) if (!present.contains(e)) new Node(e, Set.of(e), n);
            }
        }
        prune(i);
    }

    /** Deletes childless nodes above depth {@code i}, repeatedly (6.1.3 (d)(3)). */
    void prune(int i) {
        if (root == null) return;
        for (int d = i - 1; d >= 0; d--) {
            for (Node n : level(d)) if (n.children.isEmpty()) remove(n);
            if (root == null) return;
        }
    }

    private void remove(Node n) {
        if (n.parent == null) root = null;
        else n.parent.children.remove(n);
    }

    /** 6.1.4 (b): policy mappings of certificate i (issuer policy to subject policies). */
    void processMappings(int i, Map<String, Set<String>> mappings, boolean mappingAllowed) {
        for (Map.Entry<String, Set<String>> m : mappings.entrySet()) {
            String idp = m.getKey();
            List<Node> atI = level(i);
            if (mappingAllowed) {
                boolean found = false;
                for (Node n : atI) if (n.validPolicy.equals(idp)) { n.expected = Set.copyOf(m.getValue()); found = true; }
                if (!found) {
                    for (Node n : atI) {
                        if (n.validPolicy.equals(ANY)) { new Node(idp, Set.copyOf(m.getValue()), n.parent); break; }
                    }
                }
            } else {
                for (Node n : atI) if (n.validPolicy.equals(idp)) remove(n);
                prune(i);
            }
        }
    }

    /** 6.1.5 (g): intersection with the user-initial-policy-set at the end of a path of length n. */
    void intersect(int n, Set<String> initial) {
        if (root == null || initial.contains(ANY)) return;
        // valid_policy_node_set: nodes whose parent's valid policy is anyPolicy
        List<Node> set = new ArrayList<>();
        collectValidPolicyNodes(root, set);
        for (Node v : set) {
            if (!v.validPolicy.equals(ANY) && !initial.contains(v.validPolicy)) remove(v);
        }
        List<Node> leaves = level(n);
        for (Node any : leaves) {
            if (!any.validPolicy.equals(ANY)) continue;
            Set<String> present = new LinkedHashSet<>();
            for (Node l : level(n)) present.add(l.validPolicy);
            for (String p : initial) if (!present.contains(p)) new Node(p, Set.of(p), any.parent);
            remove(any);
        }
        prune(n);
    }

    private static void collectValidPolicyNodes(Node n, List<Node> out) {
        for (Node c : n.children) {
            if (n.validPolicy.equals(ANY)) out.add(c);
            if (c.validPolicy.equals(ANY)) collectValidPolicyNodes(c, out);
        }
    }
}
