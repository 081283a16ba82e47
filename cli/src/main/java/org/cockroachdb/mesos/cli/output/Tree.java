package org.cockroachdb.mesos.cli.output;

import java.util.List;
import java.util.Objects;

/** A labelled tree, drawn the way the DC/OS SDK CLI draws plans and pods. */
public record Tree(String label, List<Tree> children) {

    public Tree {
        Objects.requireNonNull(label, "label");
        children = List.copyOf(children);
    }

    public static Tree leaf(String label) {
        return new Tree(label, List.of());
    }

    /**
     * The root on the first line, then each child behind {@code ├─ } or, for the last one,
     * {@code └─ }; deeper levels indented by {@code │  } or three spaces. Every line ends in a newline.
     */
    public String render() {
        StringBuilder out = new StringBuilder(label).append('\n');
        drawChildren(out, "");
        return out.toString();
    }

    private void drawChildren(StringBuilder out, String indent) {
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            Tree child = children.get(i);
            out.append(indent).append(last ? "└─ " : "├─ ").append(child.label).append('\n');
            child.drawChildren(out, indent + (last ? "   " : "│  "));
        }
    }
}
