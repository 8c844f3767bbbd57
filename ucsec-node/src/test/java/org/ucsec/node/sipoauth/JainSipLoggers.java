package org.ucsec.node.sipoauth;

import gov.nist.core.ServerLogger;
import gov.nist.core.StackLogger;
import gov.nist.javax.sip.message.SIPMessage;

import java.util.Properties;

/**
 * JAIN-SIP RI's loggers default to log4j 1.x, which is not on the class path (and should not be): these keep the
 * stack quiet (errors to stderr), set with {@code gov.nist.javax.sip.STACK_LOGGER} / {@code SERVER_LOGGER}.
 */
final class JainSipLoggers {
    private JainSipLoggers() {}

    public static final class Stack implements StackLogger {
        public Stack() {}
        @Override public void logStackTrace() {}
        @Override public void logStackTrace(int level) {}
        @Override public int getLineCount() { return 0; }
        @Override public void logException(Throwable t) { System.err.println("jain-sip: " + t); }
        @Override public void logDebug(String s) {}
        @Override public void logDebug(String s, Exception e) {}
        @Override public void logTrace(String s) {}
        @Override public void logFatalError(String s) { System.err.println("jain-sip fatal: " + s); }
        @Override public void logError(String s) { System.err.println("jain-sip error: " + s); }
        @Override public boolean isLoggingEnabled() { return false; }
        @Override public boolean isLoggingEnabled(int level) { return false; }
        @Override public void logError(String s, Exception e) { System.err.println("jain-sip error: " + s + ": " + e); }
        @Override public void logWarning(String s) {}
        @Override public void logInfo(String s) {}
        @Override public void disableLogging() {}
        @Override public void enableLogging() {}
        @Override public void setBuildTimeStamp(String s) {}
        @Override public void setStackProperties(Properties p) {}
        @Override public String getLoggerName() { return "quiet"; }
    }

    public static final class Server implements ServerLogger {
        public Server() {}
        @Override public void closeLogFile() {}
        @Override public void logMessage(SIPMessage m, String from, String to, boolean sender, long time) {}
        @Override public void logMessage(SIPMessage m, String from, String to, String status, boolean sender, long time) {}
        @Override public void logMessage(SIPMessage m, String from, String to, String status, boolean sender) {}
        @Override public void logException(Exception e) { System.err.println("jain-sip: " + e); }
        @Override public void setStackProperties(Properties p) {}
        @Override public void setSipStack(javax.sip.SipStack s) {}
    }
}
