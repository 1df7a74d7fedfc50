package io.wirespan.wasm.abi;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirespan.api.Direction;
import java.util.Arrays;

/**
 * Whatever bytes a plugin hands {@code host_read_l7_protocol_info} or {@code host_read_str_result}
 * (a hostile plugin chooses them), the decoder returns records or refuses with {@link
 * MalformedResultException}, nothing else; and a buffer it accepts stays accepted, with the same
 * records, when read again. Seeds in {@code
 * src/test/resources/io/wirespan/wasm/abi/ResultDecoderFuzzTestInputs/decodesOrRefusesAnyBytes/}.
 */
class ResultDecoderFuzzTest {
    /** Input: one byte choosing the direction (bit 0), then the buffer. */
    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesAnyBytes(byte[] input) {
        if (input.length == 0) return;
        Direction direction = (input[0] & 1) == 0 ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
        byte[] buffer = Arrays.copyOfRange(input, 1, input.length);
        try {
            var records = ResultDecoder.decode(buffer, direction);
            if (records.isEmpty()) throw new AssertionError("accepted without a record");
            if (!records.equals(ResultDecoder.decode(buffer.clone(), direction))) throw new AssertionError("not repeatable");
        } catch (MalformedResultException refused) {
            // the host call returns 0 and keeps nothing
        }
        try {
            ResultDecoder.lengthPrefixedString(buffer);
        } catch (MalformedResultException refused) {
            // likewise
        }
    }
}
