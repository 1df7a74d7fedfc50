package io.wirespan.cli;

import java.time.temporal.ChronoUnit;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr over the bytes of several inputs, or nothing: it is shown only when
 * stderr is a terminal and the input is large enough for waiting to be noticeable.
 */
final class Progress implements AutoCloseable {
    private static final long SHOW_ABOVE_BYTES = 64L << 20;

    private final ProgressBar bar;
    private long doneBefore;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress over(long totalBytes, Terminal terminal) {
        if (!terminal.stderrIsTerminal() || totalBytes < SHOW_ABOVE_BYTES) return new Progress(null);
        return new Progress(new ProgressBarBuilder()
                .setTaskName("Parsing")
                .setInitialMax(totalBytes)
                .setUnit(" MiB", 1L << 20)
                .setSpeedUnit(ChronoUnit.SECONDS)
                .showSpeed()
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .clearDisplayOnFinish()
                .build());
    }

    /** A reporter of positions within the input that starts after {@code completedBytes}. */
    LongConsumer forInput(long completedBytes) {
        doneBefore = completedBytes;
        return position -> {
            if (bar != null) bar.stepTo(doneBefore + position);
        };
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
