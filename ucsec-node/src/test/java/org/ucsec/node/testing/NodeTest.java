package org.ucsec.node.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that runs against a real node: every {@link TestNode} parameter (of a test, {@code @BeforeEach} or
 * {@code @BeforeAll} method) is a started node, closed and deleted when its scope ends. See {@link TestNodeExtension}.
 * <pre>
 * &#64;NodeTest                       // one node for the whole class (the default)
 * class TlsContextTest {
 *     &#64;Test void x(TestNode n) { n.cli("show", "tls", "contexts").ok(); }
 *     &#64;Test void y(&#64;FreshNode TestNode n) { ... }   // this test alone gets a node of its own
 * }
 * &#64;NodeTest(NodeTest.Scope.PER_TEST) // a fresh node for every test
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestNodeExtension.class)
public @interface NodeTest {
    enum Scope { PER_CLASS, PER_TEST }

    /** Whether the tests of the class share one node (its clock is reset after each test) or each get their own. */
    Scope value() default Scope.PER_CLASS;
}
