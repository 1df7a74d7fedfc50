package io.wirespan.engine.protocol.dns;

import java.util.List;
import java.util.Objects;

/** One decoded DNS message: a query or a response, told apart by the QR bit. */
sealed interface DnsMessage permits DnsMessage.Query, DnsMessage.Response {

    /** The transaction id, which pairs a response with its query. */
    int id();

    DnsOpcode opcode();

    /** The first question; null only for a response that carries none. */
    Question question();

    /** The message's length in bytes, without the TCP length prefix. */
    int length();

    /** QNAME in presentation form (no trailing dot, the root as "") and QTYPE. */
    record Question(String name, DnsType type) {
        public Question {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * One answer or authority record as DeepFlow reports it: its type, the value it shows (an
     * address, a target name, SOA's primary server; null for other types) and its TTL.
     */
    record Answer(DnsType type, String value, long ttl) {
        public Answer {
            Objects.requireNonNull(type, "type");
        }

        /** {@code TYPE=value TTL=n}, or {@code TYPE} alone when there is no value. */
        void appendTo(StringBuilder out) {
            out.append(type.mnemonic());
            if (value != null && !value.isEmpty()) {
                out.append('=').append(value).append(" TTL=").append(ttl);
            }
        }
    }

    record Query(int id, DnsOpcode opcode, Question question, int length) implements DnsMessage {
        public Query {
            Objects.requireNonNull(opcode, "opcode");
            Objects.requireNonNull(question, "question");
        }
    }

    /**
     * @param answers the answer and authority records in wire order (DeepFlow's "answers"), at most
     *     the decoder's limit
     * @param answerCount how many answer and authority records were read, kept or not
     */
    record Response(int id, DnsOpcode opcode, DnsRcode rcode, Question question, List<Answer> answers,
            int answerCount, int length) implements DnsMessage {
        public Response {
            Objects.requireNonNull(opcode, "opcode");
            Objects.requireNonNull(rcode, "rcode");
            answers = List.copyOf(answers);
        }
    }
}
