package com.example.myamazingapp.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Spring Session's JDBC repository, except that a request moves the session's last-access time only when it is more
 * than {@link #RESOLUTION} old. Spring Session sets it on every request, which marks the session changed and costs an
 * UPDATE and a synchronous commit per page view and download, all on the same row for one user's parallel requests.
 * Attribute changes (sign-in, CSRF token, flash messages) are saved as before; a session idle for 8 hours may expire up
 * to a minute early. The rows stay in PostgreSQL, so both tasks behind the load balancer share the sessions.
 *
 * <p>Also, Spring Session's request filter reads the session a second time after saving it (to check that the requested
 * id is still valid): within a request ({@link #inRequest}), a session read once is answered from memory.
 *
 * <p>A save that only moves the last-access time is given up when PostgreSQL is unreachable: Spring Session saves when
 * the answer is committed, after the request's own work (an upload stored, its row committed), and failing the answer
 * then would tell the user that a stored file was not. Only the touch is lost.
 */
final class LazyTouchSessionRepository implements FindByIndexNameSessionRepository<LazyTouchSessionRepository.Touched> {

    static final Duration RESOLUTION = Duration.ofMinutes(1);

    private static final ThreadLocal<Map<String, Touched>> READ_IN_THIS_REQUEST = new ThreadLocal<>();

    private static final Logger log = LoggerFactory.getLogger(LazyTouchSessionRepository.class);

    private final FindByIndexNameSessionRepository<Session> sessions;

    /** Runs one request, remembering the sessions it reads until it ends. */
    static void inRequest(RequestBody body) throws IOException, ServletException {
        READ_IN_THIS_REQUEST.set(new HashMap<>(2));
        try {
            body.run();
        } finally {
            READ_IN_THIS_REQUEST.remove();
        }
    }

    interface RequestBody {
        void run() throws IOException, ServletException;
    }

    @SuppressWarnings("unchecked")
    LazyTouchSessionRepository(FindByIndexNameSessionRepository<? extends Session> sessions) {
        // save() of the JDBC repository takes its own (package-private) session type: the raw view forwards it.
        this.sessions = (FindByIndexNameSessionRepository<Session>) sessions;
    }

    @Override
    public Touched createSession() {
        var session = new Touched(sessions.createSession());
        session.changed = true;
        return session;
    }

    @Override
    public void save(Touched session) {
        try {
            sessions.save(session.delegate);
        } catch (RuntimeException e) {
            if (session.changed || !Problem.isDatabaseUnavailable(e)) {
                throw e;
            }
            log.warn("Session's last access not saved, the database is unavailable: {}", e.toString());
        }
    }

    @Override
    public Touched findById(String id) {
        var read = READ_IN_THIS_REQUEST.get();
        if (read != null && read.containsKey(id)) {
            return read.get(id);
        }
        var session = sessions.findById(id);
        var touched = session == null ? null : new Touched(session);
        if (read != null && touched != null) {
            read.put(id, touched);
        }
        return touched;
    }

    @Override
    public void deleteById(String id) {
        var read = READ_IN_THIS_REQUEST.get();
        if (read != null) {
            read.remove(id);
        }
        sessions.deleteById(id);
    }

    @Override
    public Map<String, Touched> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        var found = new LinkedHashMap<String, Touched>();
        sessions.findByIndexNameAndIndexValue(indexName, indexValue)
                .forEach((id, session) -> found.put(id, new Touched(session)));
        return found;
    }

    /** The repository's session, whose last-access time moves in steps of at least {@link #RESOLUTION}. */
    static final class Touched implements Session {

        private final Session delegate;

        /** New, or more than its last-access time changed (attributes, id, timeout): a save must not be given up. */
        private boolean changed;

        Touched(Session delegate) {
            this.delegate = delegate;
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            if (lastAccessedTime.isAfter(delegate.getLastAccessedTime().plus(RESOLUTION))) {
                delegate.setLastAccessedTime(lastAccessedTime);
            }
        }

        @Override
        public String getId() {
            return delegate.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return delegate.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String name) {
            return delegate.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return delegate.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, Object value) {
            changed = true;
            delegate.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            changed = true;
            delegate.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return delegate.getCreationTime();
        }

        @Override
        public Instant getLastAccessedTime() {
            return delegate.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            changed = true;
            delegate.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return delegate.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return delegate.isExpired();
        }
    }
}
