package io.wirespan.engine.protocol.dns;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.MessageSink;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.ParserCounters;
import io.wirespan.engine.protocol.dns.DnsMessage.Answer;
import io.wirespan.engine.protocol.dns.DnsMessage.Query;
import io.wirespan.engine.protocol.dns.DnsMessage.Question;
import io.wirespan.engine.protocol.dns.DnsMessage.Response;

/**
 * One flow's DNS parser: a datagram is one message; a TCP direction goes through its own
 * {@link DnsFramer}. Queries and responses are told apart by the QR bit, not by direction, and
 * both carry the transaction id as the pairing id and the question's fields, as DeepFlow's do.
 */
final class DnsParser implements L7Parser {
    private final DnsSuffixes unconcerned;
    private final ParserCounters<DnsCounter> counters;
    private final DnsDecoder decoder = new DnsDecoder();
    private final DnsFramer[] framers;
    private final StringBuilder result = new StringBuilder(128);

    DnsParser(DnsSuffixes unconcerned, ParseContext context) {
        this.unconcerned = unconcerned;
        this.counters = new ParserCounters<>(DnsCounter.values(), context);
        this.framers = new DnsFramer[] {new DnsFramer(counters), new DnsFramer(counters)};
    }

    @Override
    public int parse(Direction direction, byte[] data, int offset, int length, ParseContext context, MessageSink out) {
        if (length <= 0) return 0;
        int maxAnswers = maxAnswers(context.settings());
        if (context.isUdp()) {
            DnsMessage message = decoder.decode(data, offset, length, maxAnswers);
            if (decoder.problem() != null) counters.increment(decoder.problem());
            if (message != null) emit(message, length, context.settings(), out);
            return length;
        }
        DnsFramer framer = framers[direction.ordinal()];
        int pos = offset;
        int end = offset + length;
        while (true) {
            pos = framer.seek(data, pos, end);
            int messageLength = framer.frameLength();
            if (messageLength < 0) break;
            boolean inSync = framer.inSync();
            DnsMessage message = decoder.decode(data, pos + DnsWire.PREFIX_LENGTH, messageLength, maxAnswers);
            // While hunting, a frame that fails to decode was a false start, not a bad message.
            if (decoder.problem() != null && (inSync || message != null)) counters.increment(decoder.problem());
            if (message != null) emit(message, DnsWire.PREFIX_LENGTH + messageLength, context.settings(), out);
            pos += framer.consume(message != null);
        }
        return pos - offset;
    }

    @Override
    public void onGap(Direction direction, int missingBytes, ParseContext context) {
        framers[direction.ordinal()].gap();
    }

    ParserCounters<DnsCounter> counters() {
        return counters;
    }

    /** Answers past this many could not show in a result cut to the truncation length ("A; " per record at least). */
    private static int maxAnswers(ParserSettings settings) {
        return settings.payloadTruncation() / 3 + 1;
    }

    private void emit(DnsMessage message, int wireBytes, ParserSettings settings, MessageSink out) {
        counters.increment(DnsCounter.MESSAGES);
        Question question = message.question();
        String name = question == null || question.name().isEmpty() ? null : settings.truncate(question.name());
        String type = question == null ? null : question.type().mnemonic();
        String domain = question != null && question.type().isAddress() ? name : null;
        L7Message.Builder builder = switch (message) {
            case Query _ -> L7Message.request();
            case Response r -> {
                ResponseStatus status = isUnconcerned(r) ? ResponseStatus.OK : r.rcode().status();
                yield L7Message.response()
                        .responseCode(r.rcode().code())
                        .responseStatus(status)
                        .responseException(status.isError() ? r.rcode().mnemonic() : null)
                        .responseResult(settings.truncate(result(r)));
            }
        };
        out.emit(builder
                .sessionId((long) message.id())
                .requestType(type)
                .requestResource(name)
                .requestDomain(domain)
                .endpoint(name)
                .attributes(message.opcode().attributes())
                .capturedBytes(wireBytes)
                .build());
    }

    /** An NXDOMAIN for a name, or with a record value, under an unconcerned suffix. */
    private boolean isUnconcerned(Response r) {
        if (r.rcode().code() != DnsRcode.NX_DOMAIN.code() || unconcerned.isEmpty()) return false;
        if (r.question() != null && unconcerned.matches(r.question().name())) return true;
        for (Answer answer : r.answers()) {
            if (unconcerned.matches(answer.value())) return true;
        }
        return false;
    }

    /** The records joined by "; ", each {@code TYPE=value TTL=n} or {@code TYPE}; null when there are none. */
    private String result(Response r) {
        if (r.answers().isEmpty()) return null;
        result.setLength(0);
        for (Answer answer : r.answers()) {
            if (!result.isEmpty()) result.append("; ");
            answer.appendTo(result);
        }
        return result.toString();
    }
}
