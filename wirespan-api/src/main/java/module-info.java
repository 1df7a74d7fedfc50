/** Wirespan's extension SPI and shared records. Depends on nothing. */
module io.wirespan.api {
    exports io.wirespan.api;
}
