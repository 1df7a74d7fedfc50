package io.wirespan.cli.live;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * What the real MongoDB Java driver ({@code mongodb-driver-sync}) does against a server in the live
 * test and the sample capture, and what it saw, as its command monitoring reports it: each command
 * with the request id of its OP_MSG, the document it sent and the reply it got. On database
 * {@link #DATABASE}, collection {@link #COLLECTION}: a unique index, inserts (one, then two in a
 * document sequence), find, update, delete, aggregate, an insert the unique index refuses (a write
 * error in an {@code ok: 1} reply) and a command the server does not know ({@code ok: 0}).
 * {@link #main} runs them against a server on a port: that is how {@code samples/make-samples}
 * records the MongoDB sample.
 */
public final class MongoDemo {
    static final String DATABASE = "shop";
    static final String COLLECTION = "orders";
    static final String UNKNOWN_COMMAND = "frobnicate";

    private MongoDemo() {}

    /**
     * One command as the driver's command monitoring saw it.
     *
     * @param reply the reply document; for a failed command the server's error reply ({@code ok: 0}), else null
     */
    record Command(int requestId, String name, BsonDocument command, BsonDocument reply, boolean failed) {}

    /** What the driver saw: its commands in the order they started, and the errors the application got. */
    record Outcome(List<Command> commands, int duplicateKeyCode, int unknownCommandCode, String unknownCommandMessage) {}

    static Outcome run(int port) {
        Recorder recorder = new Recorder();
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + Loopback.ADDRESS + ":" + port + "/?directConnection=true"))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(15, TimeUnit.SECONDS))
                .addCommandListener(recorder)
                .build();
        int duplicateKeyCode;
        int unknownCommandCode;
        String unknownCommandMessage;
        try (MongoClient client = MongoClients.create(settings)) {
            MongoDatabase db = client.getDatabase(DATABASE);
            MongoCollection<Document> orders = db.getCollection(COLLECTION);
            orders.createIndex(Indexes.ascending("sku"), new IndexOptions().unique(true));
            orders.insertOne(new Document("sku", "book").append("qty", 2));
            orders.insertMany(List.of(new Document("sku", "pen").append("qty", 5), new Document("sku", "ink").append("qty", 1)));
            orders.find(Filters.gt("qty", 1)).into(new ArrayList<>());
            orders.updateOne(Filters.eq("sku", "book"), Updates.inc("qty", 1));
            orders.deleteOne(Filters.eq("sku", "pen"));
            orders.aggregate(List.of(Aggregates.match(Filters.gte("qty", 1)),
                    Aggregates.group(null, Accumulators.sum("total", "$qty")))).into(new ArrayList<>());
            try {
                orders.insertOne(new Document("sku", "book").append("qty", 9));
                throw new AssertionError("the unique index took a duplicate sku");
            } catch (MongoWriteException e) {
                duplicateKeyCode = e.getError().getCode();
            }
            try {
                db.runCommand(new Document(UNKNOWN_COMMAND, 1));
                throw new AssertionError("the server ran " + UNKNOWN_COMMAND);
            } catch (MongoCommandException e) {
                unknownCommandCode = e.getErrorCode();
                unknownCommandMessage = e.getErrorMessage();
            }
        }
        return new Outcome(recorder.commands(), duplicateKeyCode, unknownCommandCode, unknownCommandMessage);
    }

    /** The driver's command monitoring: the documents are copied, as the events' buffers are reused after the call. */
    private static final class Recorder implements CommandListener {
        private final Map<Integer, Command> byRequest = Collections.synchronizedMap(new LinkedHashMap<>());

        @Override
        public void commandStarted(CommandStartedEvent e) {
            byRequest.put(e.getRequestId(), new Command(e.getRequestId(), e.getCommandName(), e.getCommand().clone(), null, false));
        }

        @Override
        public void commandSucceeded(CommandSucceededEvent e) {
            byRequest.computeIfPresent(e.getRequestId(), (id, c) -> new Command(id, c.name(), c.command(), e.getResponse().clone(), false));
        }

        @Override
        public void commandFailed(CommandFailedEvent e) {
            BsonDocument reply = e.getThrowable() instanceof MongoCommandException m ? m.getResponse().clone() : null;
            byRequest.computeIfPresent(e.getRequestId(), (id, c) -> new Command(id, c.name(), c.command(), reply, true));
        }

        List<Command> commands() {
            synchronized (byRequest) {
                return List.copyOf(byRequest.values());
            }
        }
    }

    /** {@code MongoDemo PORT}: runs the driver against a server on 127.0.0.1:PORT and prints its commands. */
    public static void main(String[] args) {
        Outcome outcome = run(Integer.parseInt(args[0]));
        for (Command c : outcome.commands()) {
            System.out.println(c.requestId() + " " + c.name() + (c.failed() ? " failed: " : " -> ") + c.reply());
        }
    }
}
