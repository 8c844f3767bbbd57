package org.ucsec.node.audit;

import org.ucsec.node.platform.NodeContext;

import java.util.List;

/** The audit log (SPEC X5): who changed what, when. Every change writes its line in its own transaction ({@link AuditRepo#audit}). */
public final class AuditService {
    public static final int DEFAULT_LIMIT = 100, MAX_LIMIT = 10_000;

    private final NodeContext ctx;

    public AuditService(NodeContext ctx) { this.ctx = ctx; }

    /** The newest {@code limit} lines, newest first. */
    public List<AuditRepo.AuditRow> recent(int limit) {
        return ctx.store().read(h -> AuditRepo.auditLog(h, Math.max(1, Math.min(MAX_LIMIT, limit))));
    }
}
