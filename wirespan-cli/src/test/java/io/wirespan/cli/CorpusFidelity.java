package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.engine.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scores {@code wirespan parse} against the DeepFlow corpus the way the project's scorer does:
 * every {@code NAME.expected.jsonl} of a folder is parsed from its capture (with its
 * {@code NAME.config.yaml} when there is one) and compared by {@code shared/tools/compare-calllogs}.
 */
final class CorpusFidelity {
    private static final Pattern SCORE = Pattern.compile("score: (\\d+)/(\\d+) fields, (\\d+)/(\\d+) exchanges fully matched");

    record FileScore(String name, long fields, long fieldsTotal, long exchanges, long exchangesTotal) {
        String line() {
            return String.format(Locale.ROOT, "%-48s %5d/%-5d fields  %4d/%-4d exchanges", name, fields, fieldsTotal,
                    exchanges, exchangesTotal);
        }
    }

    record FolderScore(String folder, List<FileScore> files) {
        long fields() { return files.stream().mapToLong(FileScore::fields).sum(); }
        long fieldsTotal() { return files.stream().mapToLong(FileScore::fieldsTotal).sum(); }
        double ratio() { return fieldsTotal() == 0 ? 0 : (double) fields() / fieldsTotal(); }

        String report() {
            StringBuilder text = new StringBuilder();
            for (FileScore f : files) text.append(f.line()).append('\n');
            text.append(String.format(Locale.ROOT, "%s: %d/%d fields (%.2f %%)", folder, fields(), fieldsTotal(), 100 * ratio()));
            return text.toString();
        }
    }

    private CorpusFidelity() {}

    static FolderScore score(String folder, Path work) throws IOException, InterruptedException {
        Path corpus = Corpus.root();
        String manifest = Files.readString(corpus.resolve("manifest.json"), StandardCharsets.UTF_8);
        List<Path> expectedFiles;
        try (Stream<Path> files = Files.list(corpus.resolve(folder))) {
            expectedFiles = files.filter(p -> p.getFileName().toString().endsWith(".expected.jsonl")).sorted().toList();
        }
        assertThat(expectedFiles).as("expected files in " + folder).isNotEmpty();
        List<FileScore> scores = new ArrayList<>();
        for (Path expected : expectedFiles) {
            String name = folder + "/" + expected.getFileName().toString().replace(".expected.jsonl", "");
            Path pcap = capture(corpus, manifest, name);
            Path config = corpus.resolve(name + ".config.yaml");
            Path actual = work.resolve(name.replace('/', '_') + ".jsonl");
            List<String> args = new ArrayList<>(List.of("parse", "--format", "jsonl", "--out", actual.toString()));
            if (Files.exists(config)) args.addAll(List.of("--config", config.toString()));
            args.add(pcap.toString());
            CommandRun run = CommandRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(name + ": " + run.err()).isZero();
            scores.add(compare(name, expected, actual));
        }
        return new FolderScore(folder, scores);
    }

    private static Path capture(Path corpus, String manifest, String name) {
        Path sameName = corpus.resolve(name + ".pcap");
        if (Files.exists(sameName)) return sameName;
        Matcher alias = Pattern.compile("\"expected\": \"" + Pattern.quote(name + ".expected.jsonl")
                + "\",\\s*\"result\": \"[^\"]*\",\\s*\"pcap\": \"([^\"]+)\"").matcher(manifest);
        assertThat(alias.find()).as("capture of " + name + " in manifest.json").isTrue();
        return corpus.resolve(alias.group(1));
    }

    private static FileScore compare(String name, Path expected, Path actual) throws IOException, InterruptedException {
        Path tool = Corpus.root().getParent().getParent().resolve("tools/compare-calllogs");
        Process process = new ProcessBuilder("python3", tool.toString(), expected.toString(), actual.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("compare-calllogs finished").isTrue();
        assertThat(process.exitValue()).as("compare-calllogs on " + name + ":\n" + output).isZero();
        Matcher m = SCORE.matcher(output);
        assertThat(m.find()).as("score line of compare-calllogs:\n" + output).isTrue();
        return new FileScore(name, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)));
    }
}
