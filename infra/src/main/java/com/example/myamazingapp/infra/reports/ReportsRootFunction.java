package com.example.myamazingapp.infra.reports;

import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.constructs.Construct;

/**
 * The reports distribution's viewer-request function: the root path shows the latest report, and a folder path
 * (/latest/, /2026-11-26 or /2026-11-26/) shows its index.html. S3 behind origin access control has no index documents
 * of its own, and the distribution's default root object only covers "/" (where we want latest/). The report pages link
 * with absolute paths, so they read the same wherever they are served.
 */
public class ReportsRootFunction extends Construct {

    /** cloudfront-js-2.0; kept tiny, CloudFront Functions have a 10 KB and sub-millisecond budget. */
    public static final String CODE = """
            function handler(event) {
              var request = event.request;
              var uri = request.uri;
              if (uri === '/' || uri === '') {
                request.uri = '/latest/index.html';
              } else if (uri.endsWith('/')) {
                request.uri = uri + 'index.html';
              } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
                request.uri = uri + '/index.html';
              }
              return request;
            }
            """;

    private final Function function;

    public ReportsRootFunction(Construct scope, String id) {
        super(scope, id);
        function = Function.Builder.create(this, "function")
                .comment("myamazingapp reports: / serves latest/, folders serve their index.html")
                .runtime(FunctionRuntime.JS_2_0)
                .code(FunctionCode.fromInline(CODE))
                .build();
    }

    /** For the distribution's default behaviour: {@code .functionAssociations(List.of(root.viewerRequest()))}. */
    public FunctionAssociation viewerRequest() {
        return FunctionAssociation.builder()
                .function(function)
                .eventType(FunctionEventType.VIEWER_REQUEST)
                .build();
    }
}
