/**
 * Security modes as one policy object (SPEC S5, S6; seeds 000/002, section "FIPS mode").
 *
 * <p>{@link org.ucsec.tls.policy.SecurityModes} says which modes are on and refuses contradictions;
 * {@link org.ucsec.tls.policy.SecurityPolicy} derived from it answers every "is this allowed?" question (keys, hashes,
 * certificates, cipher suites, protocols) and lists what an {@link org.ucsec.tls.policy.Inventory} violates before a mode
 * is enabled. {@link org.ucsec.tls.policy.FipsCipherRules} is the approved-suite rule as data;
 * {@link org.ucsec.tls.policy.CredentialPolicy} the password rules; {@link org.ucsec.tls.policy.ExchangeAuthentication}
 * the S6 parameter. Pure functions, no state.
 */
package org.ucsec.tls.policy;
