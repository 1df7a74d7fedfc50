package io.wirespan.cli;

public final class WirespanCommand {
    public static void main(String[] args) {
    }
}
