package com.example.myamazingapp.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the application does per request, seen from outside its code: the SQL statements (and commits) a request runs,
 * and how many password checks (bcrypt) ran. A request is named by the {@value #HEADER} header the test sends (the
 * application's request id header); its record is complete once the request's whole filter chain has returned.
 */
@TestConfiguration(proxyBeanMethods = false)
public class Probes {

    public static final String HEADER = "X-Amzn-Trace-Id";

    private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();
    private static final Map<String, Request> REQUESTS = new ConcurrentHashMap<>();
    private static final AtomicLong PASSWORD_CHECKS = new AtomicLong();
    private static final Set<String> EXECUTE = Set.of(
            "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private record Request(List<String> statements, CountDownLatch done) {}

    /** The statements of the request sent with {@code HEADER: requestId}, once it has finished (waits up to 30 s). */
    public static List<String> statementsOf(String requestId) {
        var request = REQUESTS.get(requestId);
        if (request == null) {
            throw new IllegalStateException("no request " + requestId + " reached the application");
        }
        try {
            if (!request.done().await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("request " + requestId + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return List.copyOf(request.statements());
    }

    /** Password checks (PasswordEncoder.matches, i.e. bcrypt) since the application started. */
    public static long passwordChecks() {
        return PASSWORD_CHECKS.get();
    }

    @Bean
    static BeanPostProcessor probesOnDataSourceAndPasswordEncoder() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource dataSource) {
                    return proxy(DataSource.class, dataSource, (target, method, args) -> {
                        var result = method.invoke(target, args);
                        return result instanceof Connection connection ? connection(connection) : result;
                    });
                }
                if (bean instanceof PasswordEncoder encoder) {
                    return new PasswordEncoder() {
                        @Override
                        public String encode(CharSequence raw) {
                            return encoder.encode(raw);
                        }

                        @Override
                        public boolean matches(CharSequence raw, String encoded) {
                            PASSWORD_CHECKS.incrementAndGet();
                            return encoder.matches(raw, encoded);
                        }

                        @Override
                        public boolean upgradeEncoding(String encoded) {
                            return encoder.upgradeEncoding(encoded);
                        }
                    };
                }
                return bean;
            }
        };
    }

    /** Runs outside the session filter (order -2147483598), so the session's writes belong to the request. */
    @Bean
    OncePerRequestFilter requestProbe() {
        class RequestProbe extends OncePerRequestFilter implements Ordered {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                var id = request.getHeader(HEADER);
                if (id == null) {
                    chain.doFilter(request, response);
                    return;
                }
                var recorded = new Request(new CopyOnWriteArrayList<>(), new CountDownLatch(1));
                REQUESTS.put(id, recorded);
                CURRENT.set(recorded);
                try {
                    chain.doFilter(request, response);
                } finally {
                    CURRENT.remove();
                    recorded.done().countDown();
                }
            }

            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE + 2;
            }
        }
        return new RequestProbe();
    }

    private static Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            if (method.getName().equals("commit") || method.getName().equals("rollback")) {
                record(method.getName().toUpperCase());
            }
            var result = method.invoke(target, args);
            if (result instanceof Statement statement) {
                var sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
                return statement(statement, sql);
            }
            return result;
        });
    }

    private static Statement statement(Statement statement, String preparedSql) {
        Class<? extends Statement> type = statement instanceof java.sql.CallableStatement
                ? java.sql.CallableStatement.class
                : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        return proxy(type, statement, (target, method, args) -> {
            if (EXECUTE.contains(method.getName())) {
                record(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql);
            }
            return method.invoke(target, args);
        });
    }

    private static void record(String sql) {
        var request = CURRENT.get();
        if (request != null) {
            request.statements().add(sql == null ? "?" : sql.strip().replaceAll("\\s+", " "));
        }
    }

    private interface Handler {
        Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Object target, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> {
            try {
                return handler.invoke(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(Probes.class.getClassLoader(), new Class<?>[] {type}, invocation));
    }
}
