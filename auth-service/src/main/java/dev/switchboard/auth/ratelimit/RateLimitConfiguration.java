package dev.switchboard.auth.ratelimit;

import dev.switchboard.auth.AuthProperties;
import dev.switchboard.support.ratelimit.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * auth-service's limits: the limiter the code and login flows count numbers with, and the
 * per-address limits on {@code getcode} and {@code login}, checked before a request body
 * is read.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration implements WebMvcConfigurer {

    private final AuthProperties.RateLimits limits;

    private final RateLimiter limiter;

    RateLimitConfiguration(AuthProperties properties, StringRedisTemplate redis, MeterRegistry meters) {
        this.limits = properties.rateLimits();
        this.limiter = new RateLimiter(redis, meters, "auth");
    }

    @Bean
    RateLimiter rateLimiter() {
        return this.limiter;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry
            .addInterceptor(
                    new ClientAddressRateLimitInterceptor(this.limiter, "getcode-ip", this.limits.getcodePerIp()))
            .addPathPatterns("/api/auth/getcode");
        registry
            .addInterceptor(new ClientAddressRateLimitInterceptor(this.limiter, "login-ip", this.limits.loginPerIp()))
            .addPathPatterns("/api/auth/login");
    }

}
