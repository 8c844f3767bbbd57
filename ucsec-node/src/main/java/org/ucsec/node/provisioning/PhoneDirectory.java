package org.ucsec.node.provisioning;

import java.util.Optional;

/**
 * What the HTTPS provisioning listener (SPEC P6) asks of the phone capability: the phone a MAC address names and the
 * cfg.xml ucsec serves it. Provided by the {@code phone} capability through {@link org.ucsec.node.platform.Wiring},
 * required by the {@code provisioning} capability, which authenticates the phone by its client certificate, expands the
 * macros ({@code $MA}, {@code $MAU}, {@code $MAC}, {@code $PN}, {@code $SN}, {@code $CCERT}, {@code $$}) and serves it.
 *
 * <p>Called on the provisioning listener's request path: an implementation answers from memory prepared when a
 * profile changes (no store read per request), and is safe for concurrent use.
 */
public interface PhoneDirectory {
    /**
     * The phone with this MAC address (12 lowercase hex digits, no separators), or empty when no phone profile has it.
     */
    Optional<ProvisionedPhone> find(String mac);

    /**
     * One phone as provisioning sees it.
     *
     * @param mac    12 lowercase hex digits
     * @param model  the product name the phone's certificate carries in OU (e.g. {@code CP-8841-3PCC})
     * @param serial the serial number (certificate L), may be empty when the profile does not pin it
     * @param cfgXml the phone's effective profile rendered as a {@code <flat-profile>} cfg.xml, UTF-8, secrets in clear,
     *               macros not yet expanded; never logged
     */
    record ProvisionedPhone(String mac, String model, String serial, byte[] cfgXml) {
        @Override public String toString() { return "ProvisionedPhone[mac=" + mac + ", model=" + model + ", serial=" + serial + ", cfgXml=" + cfgXml.length + " bytes]"; }
    }
}
