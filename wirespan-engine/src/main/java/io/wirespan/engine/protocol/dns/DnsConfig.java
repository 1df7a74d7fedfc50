package io.wirespan.engine.protocol.dns;

import java.util.List;

/**
 * The DNS parser's settings.
 *
 * @param unconcernedNxdomainSuffixes domain suffixes whose NXDOMAIN answers are expected noise
 *     (Kubernetes search-path expansions, say) and reported as {@code ok}
 *     ({@value #UNCONCERNED_NXDOMAIN_SUFFIXES_KEY}). A suffix matches whole labels, ignoring case
 *     and leading or trailing dots: {@code svc.cluster.local} matches {@code a.svc.cluster.local}
 *     and {@code svc.cluster.local}, not {@code xsvc.cluster.local}.
 */
public record DnsConfig(List<String> unconcernedNxdomainSuffixes) {
    public static final String UNCONCERNED_NXDOMAIN_SUFFIXES_KEY =
            "processors.request_log.filters.unconcerned_dns_nxdomain_response_suffixes";

    public static final DnsConfig DEFAULTS = new DnsConfig(List.of());

    public DnsConfig {
        if (unconcernedNxdomainSuffixes == null) {
            throw new IllegalArgumentException(UNCONCERNED_NXDOMAIN_SUFFIXES_KEY + ": must be a list, not null");
        }
        for (int i = 0; i < unconcernedNxdomainSuffixes.size(); i++) {
            String suffix = unconcernedNxdomainSuffixes.get(i);
            if (suffix == null || DnsSuffixes.normalise(suffix).isEmpty()) {
                throw new IllegalArgumentException(UNCONCERNED_NXDOMAIN_SUFFIXES_KEY + "[" + i
                        + "]: a domain suffix such as \"svc.cluster.local\", got " + (suffix == null ? "null" : "\"" + suffix + "\""));
            }
        }
        unconcernedNxdomainSuffixes = List.copyOf(unconcernedNxdomainSuffixes);
    }
}
