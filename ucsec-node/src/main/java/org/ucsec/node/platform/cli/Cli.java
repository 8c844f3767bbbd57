package org.ucsec.node.platform.cli;

import org.ucsec.core.UcsecException;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.rest.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The administrator CLI (X1), named as UC administrators know it from the platform CLI, assembled from the
 * capabilities' commands. Every command except {@code serve} and the local helpers is a REST call to the running node.
 * Exit codes: 0 ok, 1 refused by the node, 2 usage error, 3 node not reachable, 4 node failure.
 */
public final class Cli {
    private Cli() {}

    @Command(name = "ucsec", mixinStandardHelpOptions = true, version = "ucsec 0.1.0",
            description = "Security plane for UC clusters: certificates, trust stores, TLS policy.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:ok", "1:refused by the node (stable code on stderr)", "2:usage error", "3:node not reachable", "4:node failure"})
    static final class Root implements Runnable {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Override public void run() { spec.commandLine().usage(spec.commandLine().getErr()); }
    }

    /** The whole command tree: root, {@code serve} and {@code help}, then every capability's commands. */
    public static CommandLine commandLine(List<Capability> capabilities, Object serve) {
        CommandLine cl = new CommandLine(new Root());
        cl.addSubcommand(serve);
        CliTree tree = new CliTree(cl);
        for (Capability c : capabilities) c.commands(tree);
        cl.addSubcommand(new HelpCommand());
        cl.setExecutionExceptionHandler(Cli::onError);
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? NodeClient.EXIT_USAGE : NodeClient.EXIT_SERVER);
        return cl;
    }

    private static int onError(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean json = parsed != null && leaf(parsed).hasMatchedOption("--json");
        var err = cmd.getErr();
        if (ex instanceof NodeClient.CliError e) {
            if (json) err.println(Json.write(e.problem != null ? e.problem : localProblem(e)));
            else err.println(Terminal.safe(e.getMessage()));
            err.flush();
            return e.exit;
        }
        if (ex instanceof UcsecException u) {
            if (json) err.println(Json.write(problem(u)));
            else err.println(Terminal.safe("error [" + u.code() + "]: " + u.getMessage()));
            err.flush();
            return u.kind().httpStatus() == 500 ? NodeClient.EXIT_SERVER : NodeClient.EXIT_REFUSED;
        }
        err.println(Terminal.safe("error: " + ex));
        err.flush();
        return NodeClient.EXIT_SERVER;
    }

    private static CommandLine.ParseResult leaf(CommandLine.ParseResult p) {
        while (p.subcommand() != null) p = p.subcommand();
        return p;
    }

    /** A CLI-side failure (node not reachable, bad answer) as problem+json, so scripts parse every error the same way. */
    private static Map<String, Object> localProblem(NodeClient.CliError e) {
        String code = e.exit == NodeClient.EXIT_UNREACHABLE ? "cli.unreachable" : "internal";
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", code);
        p.put("status", e.exit == NodeClient.EXIT_UNREACHABLE ? 503 : 500);
        p.put("detail", e.getMessage());
        p.put("code", code);
        return p;
    }

    /** A local refusal in the same shape the node answers with (RFC 9457). */
    static Map<String, Object> problem(UcsecException u) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", u.code());
        p.put("status", u.kind().httpStatus());
        p.put("detail", u.getMessage());
        p.put("code", u.code());
        u.details().forEach(p::putIfAbsent);
        return p;
    }

    /** {@code ucsec help [COMMAND...]}: usage of any group or leaf, e.g. {@code ucsec help set tls}. */
    @Command(name = "help", description = "Show the usage of a command: ucsec help set tls", helpCommand = true)
    static final class HelpCommand implements Runnable {
        @CommandLine.Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command path, e.g. set tls context") List<String> path = List.of();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public void run() {
            CommandLine cur = spec.commandLine().getParent();
            for (String p : path) {
                CommandLine next = cur.getSubcommands().get(p);
                if (next == null) throw new CommandLine.ParameterException(spec.commandLine(), "unknown command '" + p + "' under '" + cur.getCommandName() + "'");
                cur = next;
            }
            cur.usage(spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
        }
    }
}
