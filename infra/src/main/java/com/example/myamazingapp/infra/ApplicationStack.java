package com.example.myamazingapp.infra;

import com.example.myamazingapp.infra.logs.ApplicationLogArchive;
import com.example.myamazingapp.infra.ops.Alarms;
import com.example.myamazingapp.infra.ops.OperationsDashboard;
import com.example.myamazingapp.infra.ops.OpsTopic;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.interfaces.cloudwatch.IAlarmRef;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.ecs.AlarmBehavior;
import software.amazon.awscdk.services.ecs.DeploymentAlarmOptions;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * Everything of one environment that runs and keeps the application's data, one construct per section of the document:
 * storage (the buckets), network (VPC1), database (RDS_DB_instance1), load balancer (ALB1), service (ECS), and the
 * archive of the application's logs, and the environment's cost budget, which alerts the ops topic. Storage comes first
 * because the VPC's flow logs go to the logging bucket.
 */
public class ApplicationStack extends EnvironmentStack {

    private final Storage storage;
    private final Network network;
    private final Database database;
    private final LoadBalancer loadBalancer;
    private final Service service;
    private SmokeTestHook smokeTestHook;
    private OpsTopic ops;
    private Alarms alarms;

    public ApplicationStack(Construct scope, String id, EnvironmentConfig config, Registry registry) {
        super(scope, id, config, "myamazingapp " + config.name() + ": network, storage, database and service");
        storage = new Storage(this, "storage", config);
        network = new Network(this, "network", config, storage.loggingBucket());
        database = new Database(this, "database", config, network.vpc(), network.privateSubnetsAccess());
        // A CloudFormation parameter of type AWS::SSM::Parameter::Value<String>: resolved at each deploy.
        var imageTag = StringParameter.valueForStringParameter(this, config.imageTagParameterName());
        loadBalancer = new LoadBalancer(this, "load_balancer", config, network, storage);
        service = new Service(
                this,
                "service",
                new Service.Props(config, network, storage, database, loadBalancer, registry.repository(), imageTag));
        if (config.release().blueGreen()) {
            // Before users reach a new version it passes the smoke test through the test listener, or ECS rolls back.
            smokeTestHook = new SmokeTestHook(
                    this, "smoke_test_hook", new SmokeTestHook.Props(config, network, loadBalancer, service.service()));
        }
        // The document keeps the application's CloudWatch logs on S3: log group -> Firehose -> app-logs/.
        var logArchive = new ApplicationLogArchive(
                this,
                "app_logs",
                new ApplicationLogArchive.Props(
                        service.logGroup(),
                        storage.loggingBucket(),
                        config.logs().retentionDays(),
                        config.logs().archiveDays()));
        operations(config, logArchive);
        var firewall = config.firewall();
        if (firewall.enabled()) {
            new WebFirewall(
                    this,
                    "firewall",
                    new WebFirewall.Props(
                            config.name(),
                            firewall.countOnly(),
                            firewall.signInLimit(),
                            loadBalancer.loadBalancer(),
                            storage.loggingBucket()));
        }
        new Backups(
                this,
                "backups",
                new Backups.Props(
                        config.name(),
                        config.backup().retentionDays(),
                        config.backup().copyRegion(),
                        config.deletionProtection(),
                        database.instance(),
                        storage.dataBucket()));
        new CostBudget(this, "cost_budget", config, ops);
    }

    /** Who is told when it breaks (ops topic, alarms) and the page that shows it (dashboard). */
    private void operations(EnvironmentConfig config, ApplicationLogArchive logArchive) {
        ops = new OpsTopic(
                this,
                "ops",
                new OpsTopic.Props(config.name(), config.operations().opsEmails()));
        var targetGroups = loadBalancer.targetGroups();
        alarms = new Alarms(
                this,
                "alarms",
                new Alarms.Props(
                        config.name(),
                        ops.topic(),
                        config.operations().thresholds(),
                        loadBalancer.loadBalancer(),
                        targetGroups,
                        service.service(),
                        config.service().desiredCount(),
                        service.imageIsBootstrap(),
                        database.instance(),
                        logArchive.deliveryStream().getRef(),
                        service.logGroup()));
        if (config.release().blueGreen()) {
            // The new version takes all traffic at the switch: its 5xx rate or p99 alarming during the bake rolls back.
            service.service()
                    .enableDeploymentAlarms(
                            alarms.deploymentAlarms().stream()
                                    .map(Alarm::getAlarmName)
                                    .toList(),
                            DeploymentAlarmOptions.builder()
                                    .behavior(AlarmBehavior.ROLLBACK_ON_ALARM)
                                    .build());
        }
        var shown = new ArrayList<IAlarmRef>(List.of(alarms.unhealthy()));
        shown.addAll(alarms.alarms());
        new OperationsDashboard(
                this,
                "dashboard",
                new OperationsDashboard.Props(
                        config.name(),
                        shown,
                        loadBalancer.loadBalancer(),
                        targetGroups,
                        service.service(),
                        config.service().desiredCount(),
                        database.instance(),
                        storage.dataBucket(),
                        service.logGroup()));
    }

    /** Blue/green only (else null): the hook that smoke-tests a new version before production traffic. */
    public SmokeTestHook smokeTestHook() {
        return smokeTestHook;
    }

    public OpsTopic ops() {
        return ops;
    }

    public Alarms alarms() {
        return alarms;
    }

    public Storage storage() {
        return storage;
    }

    public Network network() {
        return network;
    }

    public Database database() {
        return database;
    }

    public LoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public Service service() {
        return service;
    }
}
