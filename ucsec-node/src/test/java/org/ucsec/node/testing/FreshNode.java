package org.ucsec.node.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** On a {@link TestNode} parameter: a node of this test's own, whatever the class's {@link NodeTest} scope. */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface FreshNode {
    /**
     * A real first start on an empty data directory (every identity generated). By default a fresh node starts on a
     * copy of a data directory that one first start of this JVM prepared, which is the same state and much faster.
     */
    boolean firstStart() default false;
}
