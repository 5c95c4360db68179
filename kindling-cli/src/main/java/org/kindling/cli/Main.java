package org.kindling.cli;

import picocli.CommandLine;

/** Entry point of the {@code kindling} command: exit 0 on success, 2 on a usage error, 1 on failure. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new KindlingCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            commandLine.getErr().println("kindling: " + Failures.describe(e));
            if (verbose) e.printStackTrace(commandLine.getErr());
            else if (Failures.isBug(e)) commandLine.getErr().println("(run with --verbose for the stack trace)");
            return e instanceof UsageError ? commandLine.getCommandSpec().exitCodeOnInvalidInput() : 1;
        });
        cli.setParameterExceptionHandler((e, arguments) -> {
            // Usage errors echo what was typed: print them as safely as every other message.
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("kindling: " + UserText.message(e.getMessage()));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr())) {
                failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
            }
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cli.execute(args);
    }
}
